// The hand-built campaign the desk's read models are tested on (today = 2025-04-10, a Thursday).
// Every expected list in tests/db/desk-*.test.ts is worked out by hand from the table below.
//
//  no dept  leader status               deadline    warning  notes
//   1 财务科 dean  assigned             2025-04-20  -        due soon (10)
//   2 医务科 vp    assigned             2025-04-24  -        due soon (14: last day in)
//   3 财务科 dean  planning             2025-04-25  -        plan returned '措施不够具体', then a system reminder; +15: not due soon
//   4 财务科 dean  in_progress          2025-03-31  red      overdue 10; closure returned '佐证材料不足', then office remind + system red; M2 04-05, M3 04-15 open
//   5 医务科 vp    in_progress          2025-04-02  red      overdue 8; extension pending since 04-08; M1 04-12 open
//   6 财务科 dean  plan_review          2025-03-20  yellow   overdue 21; waits for dean since 03-18 (the warning of 03-21 does not reset it)
//   7 医务科 vp    leader_review        2025-03-10  yellow   not overdue (in review); waits for vp since 04-03
//   8 财务科 dean  office_verification  2025-04-15  -        waits for the office since 04-05; not due soon (in review)
//   9 医务科 vp    head_approval        2025-05-31  -        waits for the head since 04-06
//  10 财务科 dean  closed (by the ledger) 2024-12-31
//  11 财务科 dean  in_progress          2025-04-30  -        extension refused '理由不充分'; M1 04-20 open
//  12 医务科 vp    in_progress          2025-04-10  -        extension approved with a reason (not a return); due today; M1 04-08 open
//  13 医务科 dean  in_progress          2025-06-30  -        final approval refused '成效不明显'
//  14 财务科 dean  in_progress          2025-06-30  -        verification refused, then a measure completed (answered); M2 06-01 open
//  15 医务科 vp    planning (long-term) -           -
//  16 财务科 dean  assigned             2025-04-01  -        overdue 9
//  17 医务科 sec   plan_review          2025-05-31  -        the head as responsible leader: waits for the head since 04-04
import type { Db } from '../../db/client';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertNotifications, notificationDedupeKey } from '../../db/queries/insert-notifications';
import { recordProblem } from '../../db/queries/record-problem';
import { problemWorkflowId } from '../../domain/ids';
import type { HistoryEntry, PersonRef, ProblemStatus } from '../../domain/problem-types';
import type { CampaignLedger } from '../../domain/schemas';
import { doneMeasure, snapshot, type Snapshot, testLedger, write } from './fixtures';

export const TODAY = '2025-04-10';
export const P = {
  sec: { id: 'sec', name: '陈书记' }, dean: { id: 'dean', name: '林院长' }, vp: { id: 'vp', name: '何副院长' }, clerk: { id: 'clerk', name: '许主任' },
  fin: { id: 'fin-head', name: '郑科长' }, fin2: { id: 'fin-2', name: '冯会计' }, med: { id: 'med-head', name: '邓主任' },
} satisfies Record<string, PersonRef>;
const SYSTEM = { id: 'system', name: '系统' } as const;

const FIN = { department: '财务科', owner: 'fin-head' };
const MED = { department: '医务科', owner: 'med-head' };
const m = (due: string, owner = 'fin-head') => ({ text: `措施（${due}）`, owner, due });
const problem = (no: number, dept: typeof FIN, leader: string, deadline: string | undefined, measures = [m(deadline ?? '2025-12-31', dept.owner)], extra = {}) => ({
  no, aspect: (no % 2) + 1, title: `测试问题${no}`, kind: deadline ? 'time-bound' : 'long-term', responsibleLeader: leader, ...dept, deadline, measures, ...extra,
});

export function deskLedger(id: string): CampaignLedger {
  return testLedger({
    id,
    problems: [
      problem(1, FIN, 'dean', '2025-04-20'),
      problem(2, MED, 'vp', '2025-04-24'),
      problem(3, FIN, 'dean', '2025-04-25'),
      problem(4, FIN, 'dean', '2025-03-31', [m('2025-03-15'), m('2025-04-05'), m('2025-04-15', 'fin-2')]),
      problem(5, MED, 'vp', '2025-04-02', [m('2025-04-12', 'med-head')]),
      problem(6, FIN, 'dean', '2025-03-20'),
      problem(7, MED, 'vp', '2025-03-10'),
      problem(8, FIN, 'dean', '2025-04-15'),
      problem(9, MED, 'vp', '2025-05-31'),
      problem(10, FIN, 'dean', '2024-12-31', undefined, { closed: true }),
      problem(11, FIN, 'dean', '2025-04-30', [m('2025-04-20')]),
      problem(12, MED, 'vp', '2025-04-01', [m('2025-04-08', 'med-head')]),
      problem(13, MED, 'dean', '2025-06-30'),
      problem(14, FIN, 'dean', '2025-06-30', [m('2025-05-01'), m('2025-06-01', 'fin-2')]),
      problem(15, MED, 'vp', undefined, []),
      problem(16, FIN, 'dean', '2025-04-01'),
      problem(17, MED, 'sec', '2025-05-31'),
    ],
  });
}

/** One audit entry at an ISO instant; `deadline` is [before, after] when it moved. */
export function act(seq: number, at: string, action: string, from: ProblemStatus, to: ProblemStatus,
  o: { by?: HistoryEntry['actor']; reason?: string; deadline?: [string, string]; fixed?: string } = {}): HistoryEntry {
  const [before, after] = o.deadline ?? [o.fixed, o.fixed];
  return {
    seq, at, actor: o.by ?? P.fin, action, summary: action, reason: o.reason,
    before: { status: from, deadline: before, warning: 'none' }, after: { status: to, deadline: after, warning: 'none' },
  };
}

const day = (d: string, hh = '02') => `${d}T${hh}:00:00.000Z`;

/** Problem states (snapshot patch and audit trail) as the table above says. */
function states(ledger: CampaignLedger): [number, Partial<Snapshot>, HistoryEntry[]][] {
  const done = (no: number, which: number[]) => snapshot(ledger, no).measures.map((x, i) => (which.includes(i) ? doneMeasure(x) : x));
  const claimed = (n: number) => act(n, day('2025-03-01'), 'claim', 'assigned', 'planning');
  return [
    [3, { status: 'planning' }, [claimed(1), act(2, day('2025-04-01'), 'submitPlan', 'planning', 'plan_review'),
      act(3, day('2025-04-02'), 'decidePlan', 'plan_review', 'planning', { by: P.dean, reason: '措施不够具体' }),
      act(4, day('2025-04-03'), 'reminder', 'planning', 'planning', { by: SYSTEM })]],
    [4, { status: 'in_progress', warning: 'red', measures: done(4, [0]) }, [claimed(1), act(2, day('2025-04-03'), 'requestClosure', 'in_progress', 'leader_review'),
      act(3, day('2025-04-04'), 'reviewClosure', 'leader_review', 'in_progress', { by: P.dean, reason: '佐证材料不足' }),
      act(4, day('2025-04-05'), 'remind', 'in_progress', 'in_progress', { by: P.clerk }),
      act(5, day('2025-04-07'), 'warning-red', 'in_progress', 'in_progress', { by: SYSTEM })]],
    [5, { status: 'in_progress', warning: 'red', pendingExtension: { by: P.med, until: '2025-05-30', reason: '设备未到货', at: day('2025-04-08') } },
      [act(1, day('2025-04-08'), 'requestExtension', 'in_progress', 'in_progress', { by: P.med })]],
    [6, { status: 'plan_review', warning: 'yellow' }, [claimed(1), act(2, day('2025-03-18'), 'submitPlan', 'planning', 'plan_review'),
      act(3, day('2025-03-21', '01'), 'warning-yellow', 'plan_review', 'plan_review', { by: SYSTEM })]],
    [7, { status: 'leader_review', warning: 'yellow', measures: done(7, [0]) }, [act(1, day('2025-04-03', '03'), 'requestClosure', 'in_progress', 'leader_review', { by: P.med })]],
    [8, { status: 'office_verification', measures: done(8, [0]) }, [act(1, day('2025-04-04'), 'requestClosure', 'in_progress', 'leader_review'),
      act(2, day('2025-04-05'), 'reviewClosure', 'leader_review', 'office_verification', { by: P.dean })]],
    [9, { status: 'head_approval', measures: done(9, [0]) }, [act(1, day('2025-04-06'), 'verifyClosure', 'office_verification', 'head_approval', { by: P.clerk })]],
    [11, { status: 'in_progress' }, [act(1, day('2025-04-05'), 'requestExtension', 'in_progress', 'in_progress', { fixed: '2025-04-30' }),
      act(2, day('2025-04-06'), 'decideExtension', 'in_progress', 'in_progress', { by: P.sec, reason: '理由不充分', fixed: '2025-04-30' })]],
    [12, { status: 'in_progress', deadline: '2025-04-10' }, [act(1, day('2025-04-07'), 'decideExtension', 'in_progress', 'in_progress',
      { by: P.sec, reason: '同意延期', deadline: ['2025-04-01', '2025-04-10'] })]],
    [13, { status: 'in_progress', measures: done(13, [0]) }, [act(1, day('2025-04-02'), 'approveClosure', 'head_approval', 'in_progress', { by: P.sec, reason: '成效不明显' })]],
    [14, { status: 'in_progress', measures: done(14, [0]) }, [act(1, day('2025-04-02'), 'verifyClosure', 'office_verification', 'in_progress', { by: P.clerk, reason: '缺少会议纪要' }),
      act(2, day('2025-04-03'), 'completeMeasure', 'in_progress', 'in_progress')]],
    [15, { status: 'planning' }, []],
    [17, { status: 'plan_review' }, [act(1, day('2025-04-04'), 'submitPlan', 'planning', 'plan_review', { by: P.med })]],
  ];
}

/** Queues one notification of problem `no` and dates it `at` (the outbox dates rows itself). */
export async function notify(t: { db: Db }, campaignId: string, no: number, key: string, kind: string, to: PersonRef[], at: string, title = kind): Promise<void> {
  const workflowId = problemWorkflowId(campaignId, no);
  await insertNotifications(t.db, { campaignId, problemNo: no, workflowId, notifications: [{ dedupeKey: key, kind, recipients: to, title, body: `${title}：问题${no}` }] });
  await t.db.query('update notifications set created_at = $1 where dedupe_key = $2', [at, notificationDedupeKey(workflowId, key)]);
}

/** Loads the campaign, its states and its notifications (queued in date order, as the worker would). */
export async function loadDesk(t: { db: Db }, id: string): Promise<CampaignLedger> {
  const ledger = deskLedger(id);
  await insertCampaign(t.db, ledger);
  for (const [no, patch, audit] of states(ledger)) await recordProblem(t.db, write(ledger, snapshot(ledger, no, { version: 1, ...patch }), audit));
  return ledger;
}

/** The warnings and reminders of the scenario; `other` is queued between them to prove numbering is per campaign. */
export async function notifyDesk(t: { db: Db }, id: string, other: string): Promise<void> {
  await notify(t, id, 7, 'yellow:2025-03-10', 'warning-yellow', [P.vp, P.med], day('2025-03-11', '01'));
  await notify(t, id, 6, 'yellow:2025-03-20', 'warning-yellow', [P.dean, P.fin], day('2025-03-21', '01'));
  await notify(t, id, 4, 'reminder:2025-03-31:3', 'reminder', [P.fin, P.fin2], day('2025-03-28', '01'));
  await notify(t, id, 4, 'yellow:2025-03-31', 'warning-yellow', [P.dean, P.fin], day('2025-04-01', '01'));
  await notify(t, id, 5, 'yellow:2025-04-02', 'warning-yellow', [P.vp, P.med], day('2025-04-03', '01'));
  await notify(t, other, 2, 'red:2025-01-15', 'warning-red', [P.sec, P.clerk], day('2025-04-06', '01'));
  await notify(t, id, 4, 'red:2025-03-31', 'warning-red', [P.sec, P.clerk], day('2025-04-07', '01'));
  await notify(t, id, 4, 'action:4', 'manual-reminder', [P.fin, P.fin2], day('2025-04-08', '01'));
  // 01:00 on 04-09 in Shanghai: the notice is dated by the Shanghai calendar.
  await notify(t, id, 5, 'red:2025-04-02', 'warning-red', [P.sec, P.clerk], day('2025-04-08', '17'));
}
