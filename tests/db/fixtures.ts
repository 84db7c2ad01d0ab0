// A small hand-made campaign and problem snapshots for the database tests. Snapshots are built
// by hand (not by driving the state machine) so each test can put a problem in exactly the state
// it needs, e.g. in review with its deadline long past.
import type { RecordProblemInput } from '../../db/queries/record-problem';
import { newProblemsOf } from '../../domain/campaign';
import { newProblemData } from '../../domain/problem';
import type { Outcomes } from '../../domain/outcomes';
import type { Evidence, HistoryEntry, Measure, ProblemStatus } from '../../domain/problem-types';
import { ZERO_OUTCOMES } from '../../domain/outcomes';
import { CampaignLedger, CampaignLedgerSchema } from '../../domain/schemas';
import { problemWorkflowId } from '../../domain/ids';

export const HASH = 'a'.repeat(64);
/** 2025-01-06 09:00 in Shanghai. */
export const T0 = Date.parse('2025-01-06T01:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/**
 * 青城市人民医院: a head, two deputies, an office clerk, two departments. Four problems: one of
 * each kind plus one already closed in a published report.
 */
export function testLedger(overrides: Partial<Record<keyof CampaignLedger, unknown>> = {}): CampaignLedger {
  return CampaignLedgerSchema.parse({
    id: 'qc-2025',
    name: '市委第二巡察组反馈意见整改',
    organisation: '青城市人民医院',
    inspectionTeam: '市委第二巡察组',
    inspectionStart: '2024-09-02',
    inspectionEnd: '2024-10-31',
    feedbackDate: '2024-12-20',
    concentratedPeriodEnd: '2025-03-20',
    leadingGroup: { head: 'sec', deputies: ['dean', 'vp'], office: ['clerk'], members: ['fin-head', 'med-head'] },
    people: [
      { id: 'sec', name: '陈书记', title: '党委书记' },
      { id: 'dean', name: '林院长', title: '院长' },
      { id: 'vp', name: '何副院长', title: '副院长' },
      { id: 'clerk', name: '许主任', title: '整改办主任' },
      { id: 'fin-head', name: '郑科长', department: '财务科' },
      { id: 'fin-2', name: '冯会计', department: '财务科' },
      { id: 'med-head', name: '邓主任', department: '医务科' },
    ],
    departments: ['财务科', '医务科'],
    policy: { redAfterDays: 5 },
    aspects: [
      { no: 1, title: '关于落实全面从严治党主体责任方面' },
      { no: 2, title: '关于医疗服务和行风建设方面' },
    ],
    problems: [
      {
        no: 1, aspect: 1, title: '大额资金支出未经集体决策', kind: 'time-bound', responsibleLeader: 'dean', department: '财务科', owner: 'fin-head',
        deadline: '2025-03-31',
        measures: [
          { text: '修订“三重一大”决策制度', owner: 'fin-head', due: '2025-02-28' },
          { text: '清查2023年以来大额支出', owner: 'fin-2', due: '2025-03-15' },
        ],
      },
      {
        no: 2, aspect: 2, title: '收受医药代表宴请问题', kind: 'immediate', responsibleLeader: 'vp', department: '医务科', owner: 'med-head',
        deadline: '2025-01-15', measures: [{ text: '开展廉洁行医专项整治', owner: 'med-head', due: '2025-01-10' }],
      },
      { no: 3, aspect: 2, title: '医德医风教育不经常', kind: 'long-term', responsibleLeader: 'vp', department: '医务科', owner: 'med-head' },
      {
        no: 4, aspect: 1, title: '公务接待超标准', kind: 'time-bound', responsibleLeader: 'dean', department: '财务科', owner: 'fin-head',
        deadline: '2024-12-31', closed: true, measures: [{ text: '退回超标准接待费用', owner: 'fin-2', due: '2024-12-31' }],
      },
    ],
    ...overrides,
  });
}

export type Snapshot = RecordProblemInput['snapshot'];

/** A problem's state as the workflow starts it (version 0), changed by `patch`. */
export function snapshot(ledger: CampaignLedger, no: number, patch: Partial<Snapshot> = {}): Snapshot {
  const np = newProblemsOf(ledger, '2025-01-06').find((p) => p.problem.no === no);
  if (!np) throw new Error(`no problem ${no} in ${ledger.id}`);
  const { history: _h, sent: _s, ...base } = newProblemData(np, T0);
  return { ...base, ...patch };
}

/** A measure as completed by `by`, with evidence and outcomes. */
export function doneMeasure(m: Measure, outcomes: Partial<Outcomes> = {}, evidence: Evidence[] = [textEvidence('已完成')]): Measure {
  return { ...m, done: true, completedAt: iso(60), completedBy: m.owner, evidence, outcomes: { ...ZERO_OUTCOMES, ...outcomes } };
}

export const textEvidence = (text: string): Evidence => ({ kind: 'text', text, sha256: HASH });
export const fileEvidence = (name: string, size: number): Evidence => ({ kind: 'file', name, size, sha256: HASH, mime: 'application/pdf' });

/** History entry `seq` moving the problem from one status to another, `seq` minutes after T0. */
export function entry(seq: number, action: string, from: ProblemStatus, to: ProblemStatus, reason?: string): HistoryEntry {
  return {
    seq,
    at: iso(seq),
    actor: { id: 'fin-head', name: '郑科长' },
    action,
    summary: `${action}: ${from} → ${to}`,
    before: { status: from, deadline: '2025-03-31', warning: 'none' },
    after: { status: to, deadline: '2025-03-31', warning: 'none' },
    reason,
  };
}

/** The activity input for one write of problem `no`. */
export function write(ledger: CampaignLedger, s: Snapshot, audit: HistoryEntry[] = []): RecordProblemInput {
  return { workflowId: problemWorkflowId(ledger.id, s.no), snapshot: s, audit };
}

/**
 * The hand-made campaign state most tests start from (statistics worked out by hand in
 * stats.test.ts): problem 1 in progress with M1 done, problem 2 in closure review past its
 * deadline, problem 3 (long-term) in progress with a progress report, problem 4 closed by the ledger.
 */
export function scenario(ledger: CampaignLedger): RecordProblemInput[] {
  const p1 = snapshot(ledger, 1);
  const p1v3 = snapshot(ledger, 1, {
    status: 'in_progress',
    version: 3,
    measures: [doneMeasure(p1.measures[0]!, { regulations: 2, fundsRecoveredWan: 12.35, admonishment: 1 }, [fileEvidence('三重一大制度.pdf', 20480)]), p1.measures[1]!],
  });
  const p2 = snapshot(ledger, 2);
  const p2v4 = snapshot(ledger, 2, {
    status: 'leader_review',
    version: 4,
    measures: [doneMeasure(p2.measures[0]!, { partyDiscipline: 2, orderedSelfCriticism: 3, fundsRecoveredWan: 0.5 })],
  });
  const p3v2 = snapshot(ledger, 3, {
    status: 'in_progress',
    version: 2,
    progressReports: [{ at: iso(30), by: { id: 'med-head', name: '邓主任' }, text: '已开展医德医风专题教育2次' }],
  });
  return [
    write(ledger, p1v3, [entry(1, 'claim', 'assigned', 'planning'), entry(2, 'submitPlan', 'planning', 'plan_review'), entry(3, 'decidePlan', 'plan_review', 'in_progress')]),
    write(ledger, p2v4, [1, 2, 3, 4].map((n) => entry(n, `step${n}`, 'in_progress', n === 4 ? 'leader_review' : 'in_progress'))),
    write(ledger, p3v2, [entry(1, 'claim', 'assigned', 'planning'), entry(2, 'reportProgress', 'in_progress', 'in_progress')]),
  ];
}
