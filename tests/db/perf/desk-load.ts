// A large campaign for timing the desk's read models: N problems over 40 departments and 8
// leaders, three measures each, four audit entries each, and the outbox rows the workflows would
// have written (reminders, warnings, manual reminders). Rows go in with insertRows, in bulk.
import type { Db } from '../../../db/client';
import { insertCampaign } from '../../../db/queries/insert-campaign';
import { insertRows, json } from '../../../db/sql';
import { addDays } from '../../../domain/dates';
import { problemWorkflowId } from '../../../domain/ids';
import type { ProblemStatus } from '../../../domain/problem-types';
import { testLedger } from '../fixtures';

export const PERF_ID = 'perf-desk';
export const PERF_TODAY = '2025-06-15';
export const DEPARTMENTS = Array.from({ length: 40 }, (_, i) => `科室${String(i + 1).padStart(2, '0')}`);
export const LEADERS = Array.from({ length: 8 }, (_, i) => `leader${i + 1}`);
const member = (d: number, n: number) => `d${String(d + 1).padStart(2, '0')}-${n}`;

/** 40% closed, 25% in progress, 5% in each other status. */
function statusOf(k: number): ProblemStatus {
  const r = k % 20;
  if (r < 8) return 'closed';
  if (r < 13) return 'in_progress';
  return (['assigned', 'planning', 'plan_review', 'leader_review', 'office_verification', 'head_approval', 'phase_complete'] as const)[r - 13]!;
}

const ACTIVE = new Set(['assigned', 'planning', 'plan_review', 'in_progress']);

export async function loadPerfCampaign(db: Db, count: number, log: (s: string) => void): Promise<void> {
  const people = [
    { id: 'sec', name: '陈书记' }, { id: 'clerk', name: '许主任' },
    ...LEADERS.map((id, i) => ({ id, name: `领导${i + 1}` })),
    ...DEPARTMENTS.flatMap((department, d) => [1, 2, 3].map((n) => ({ id: member(d, n), name: `${department}成员${n}`, department }))),
  ];
  await insertCampaign(db, testLedger({
    id: PERF_ID, people, departments: DEPARTMENTS,
    leadingGroup: { head: 'sec', deputies: LEADERS, office: ['clerk'], members: [] },
    problems: [{ no: 1, aspect: 1, title: '种子问题', kind: 'time-bound', responsibleLeader: 'leader1', department: DEPARTMENTS[0], owner: member(0, 1), deadline: '2025-12-31' }],
  }));

  const problems: unknown[][] = [];
  const measures: unknown[][] = [];
  const audit: unknown[][] = [];
  const notes: unknown[][] = [];
  const at = (date: string, hour = 1) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  for (let no = 2; no <= count; no++) {
    const d = no % DEPARTMENTS.length;
    const department = DEPARTMENTS[d]!;
    const leader = LEADERS[d % LEADERS.length]!;
    const owner = member(d, 1);
    // Not from no % 20 alone: every department would then hold one status only.
    const status = statusOf(no + Math.floor(no / DEPARTMENTS.length));
    const deadline = addDays('2025-01-01', (no * 7) % 365);
    const overdue = ACTIVE.has(status) && deadline < PERF_TODAY ? Math.round((Date.parse(PERF_TODAY) - Date.parse(deadline)) / 864e5) : 0;
    const warning = overdue >= 7 ? 'red' : overdue >= 1 ? 'yellow' : 'none';
    const done = status === 'closed' || status === 'office_verification' || status === 'head_approval' || status === 'leader_review' ? 3 : status === 'in_progress' ? 1 : 0;
    const pending = status === 'in_progress' && no % 100 === 3 ? json({ by: { id: owner, name: '成员' }, until: '2025-12-31', reason: '需要时间', at: at('2025-06-01') }) : null;
    const wf = problemWorkflowId(PERF_ID, no);
    problems.push([PERF_ID, no, (no % 2) + 1, `第${no}项：某科室制度执行不严格、监督检查不到位的问题`, '', 'time-bound', leader, department, owner,
      deadline, deadline, status, warning, wf, 5, '2025-01-06', status === 'closed' ? '2025-05-01' : null, pending, 3, done]);
    for (let m = 1; m <= 3; m++) measures.push([PERF_ID, no, `M${m}`, `第${m}条整改措施：修订完善相关制度并组织专项检查`, member(d, m), addDays(deadline, m * 10 - 30), m <= done]);
    // claim, submitPlan, decidePlan (every 10th returned first), and one system reminder.
    const returned = status === 'in_progress' && no % 10 === 1;
    const entries: [string, string, string, string | null, string][] = [
      ['claim', 'assigned', 'planning', null, owner], ['submitPlan', 'planning', 'plan_review', null, owner],
      returned ? ['reviewClosure', 'leader_review', 'in_progress', '佐证材料不足', leader] : ['decidePlan', 'plan_review', status === 'assigned' ? 'assigned' : status, null, leader],
      ['reminder', status, status, null, 'system'],
    ];
    entries.forEach(([action, from, to, reason, by], i) =>
      audit.push([wf, i + 1, PERF_ID, no, at(addDays('2025-02-01', i * 20 + (no % 30))), by, by, action, action, reason,
        json({ status: from, deadline, warning: 'none' }), json({ status: to, deadline, warning: 'none' })]));
    const note = (key: string, kind: string, to: string[], date: string) =>
      to.forEach((r) => notes.push([`${wf}:${key}`, r, r, PERF_ID, no, wf, kind, `问题${no}${kind}`, `问题${no}：${kind}`, at(date), null]));
    note(`reminder:${deadline}:7`, 'reminder', [owner, member(d, 2)], addDays(deadline, -7));
    if (warning !== 'none') note(`yellow:${deadline}`, 'warning-yellow', [leader, owner], addDays(deadline, 1));
    if (warning === 'red') note(`red:${deadline}`, 'warning-red', ['sec', 'clerk'], addDays(deadline, 7));
    if (warning === 'red' && no % 5 === 0) note('action:9', 'manual-reminder', [owner, member(d, 2)], addDays(deadline, 9));
  }
  // The outbox in the order the worker would have written it.
  notes.sort((a, b) => String(a[9]).localeCompare(String(b[9])));
  await db.transaction(async (tx) => {
    await insertRows(tx, 'problems', ['campaign_id', 'no', 'aspect_no', 'title', 'description', 'kind', 'responsible_leader', 'department', 'owner',
      'original_deadline', 'deadline', 'status', 'warning', 'workflow_id', 'version', 'started_on', 'closed_on', 'pending_extension', 'measures_total', 'measures_done'], problems);
    await insertRows(tx, 'measures', ['campaign_id', 'problem_no', 'id', 'text', 'owner', 'due', 'done'], measures);
    await insertRows(tx, 'audit', ['workflow_id', 'seq', 'campaign_id', 'problem_no', 'at', 'actor_id', 'actor_name', 'action', 'summary', 'reason', 'before', 'after'], audit);
    await insertRows(tx, 'notifications', ['dedupe_key', 'recipient_id', 'recipient_name', 'campaign_id', 'problem_no', 'workflow_id', 'kind', 'title', 'body', 'created_at', 'read_at'], notes);
  });
  await db.query(`update problems p set last_action = a.action, last_action_at = a.at from audit a
    where a.campaign_id = p.campaign_id and a.problem_no = p.no and a.seq = 4 and p.campaign_id = $1`, [PERF_ID]);
  // What autovacuum does to a settled table: statistics and the visibility map (index-only scans).
  await db.exec('vacuum analyze');
  log(`  ${problems.length + 1} problems, ${measures.length} measures, ${audit.length} audit rows, ${notes.length} notifications`);
}
