// The role × action matrix over HTTP: every lifecycle action sent by every account to a problem of
// 财务科 (leader vp1, owner fin1) that is in a state where the action is legal, plus one column of
// the rightful person acting in a wrong state. Expected answers are written out by hand below.
// Refused cells must leave the projection and the workflow exactly as they were.
import { addDays, shanghaiDate } from '../../domain/dates';
import { problemWorkflowId } from '../../domain/ids';
import type { ActionName } from '../../domain/problem-types';
import { ACTION_NAMES } from '../../api/problems';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { act } from '../support/drive';
import { uniqueId } from '../support/harness';
import { actionPayload, createAdmin, inBatches, projectionCaughtUp, snapshotProblem, type ProblemSnapshot } from './helpers';

const ACCOUNTS = ['head', 'office1', 'vp1', 'vp2', 'fin1', 'fin2', 'hr1', 'admin'] as const;
type Account = (typeof ACCOUNTS)[number];
const WRONG = 'wrong state' as const;
type Column = Account | typeof WRONG;
const COLUMNS: Column[] = [...ACCOUNTS, WRONG];

// 200 done; 403 refused by the account role (or, for admin, by having no remit); 403w refused by
// the workflow although the desk let it through (the head is no problem's responsible leader; the
// office does not approve extensions under the default policy); 404 outside the account's remit
// (another department's or another leader's problem); 409 the rightful person in a wrong state.
type Expected = '200' | '403' | '403w' | '404' | '409';
// prettier-ignore
const EXPECTED: Record<ActionName, Expected[]> = {
  //                  head    office1 vp1     vp2    fin1    fin2   hr1    admin  wrong state
  claim:             ['403',  '403',  '403',  '404', '200',  '200', '404', '403', '409'],
  planMeasures:      ['403',  '403',  '403',  '404', '200',  '200', '404', '403', '409'],
  submitPlan:        ['403',  '403',  '403',  '404', '200',  '403', '404', '403', '409'],
  decidePlan:        ['403w', '403',  '200',  '404', '403',  '403', '404', '403', '409'],
  completeMeasure:   ['403',  '403',  '403',  '404', '200',  '200', '404', '403', '409'],
  reportProgress:    ['403',  '403',  '403',  '404', '200',  '200', '404', '403', '409'],
  requestExtension:  ['403',  '403',  '403',  '404', '200',  '403', '404', '403', '409'],
  decideExtension:   ['200',  '403w', '403',  '404', '403',  '403', '404', '403', '409'],
  requestClosure:    ['403',  '403',  '403',  '404', '200',  '403', '404', '403', '409'],
  reviewClosure:     ['403w', '403',  '200',  '404', '403',  '403', '404', '403', '409'],
  verifyClosure:     ['403',  '200',  '403',  '404', '403',  '403', '404', '403', '409'],
  approveClosure:    ['200',  '403',  '403',  '404', '403',  '403', '404', '403', '409'],
  markPhaseComplete: ['403',  '200',  '403',  '404', '403',  '403', '404', '403', '409'],
  confirmLookBack:   ['403',  '200',  '403',  '404', '403',  '403', '404', '403', '409'],
  reopen:            ['403',  '200',  '403',  '404', '403',  '403', '404', '403', '409'],
  remind:            ['403',  '200',  '403',  '404', '403',  '403', '404', '403', '409'],
};

/** Who sends the action in the wrong-state column, and the action whose starting state is wrong for it. */
// prettier-ignore
const WRONG_STATE: Record<ActionName, [Account, ActionName]> = {
  claim: ['fin1', 'planMeasures'], planMeasures: ['fin1', 'claim'], submitPlan: ['fin1', 'claim'], decidePlan: ['vp1', 'claim'],
  completeMeasure: ['fin1', 'claim'], reportProgress: ['fin1', 'claim'], requestExtension: ['fin1', 'reviewClosure'],
  decideExtension: ['head', 'claim'], requestClosure: ['fin1', 'claim'], reviewClosure: ['vp1', 'claim'], verifyClosure: ['office1', 'claim'],
  approveClosure: ['head', 'claim'], markPhaseComplete: ['office1', 'reportProgress'], confirmLookBack: ['office1', 'claim'],
  reopen: ['office1', 'claim'], remind: ['office1', 'reopen'],
};

const today = shanghaiDate(Date.now());
const inDays = (n: number) => addDays(today, n);

// How each action's problem is brought to where the action is legal: workflow updates sent
// directly (the API is what is under test here, not the way there).
type Step = [ActionName, string, Record<string, unknown>];
const done: Step = ['completeMeasure', 'fin1', { measureId: 'M1', evidence: [{ kind: 'text', text: '制度已印发', sha256: 'e'.repeat(64) }], outcomes: {} }];
const toInProgress: Step[] = [['claim', 'fin1', {}], ['submitPlan', 'fin1', {}], ['decidePlan', 'vp1', { approve: true }]];
const toLeaderReview: Step[] = [...toInProgress, done, ['requestClosure', 'fin1', {}]];
const toHeadApproval: Step[] = [...toLeaderReview, ['reviewClosure', 'vp1', { approve: true }], ['verifyClosure', 'office1', { approve: true }]];
const toClosed: Step[] = [...toHeadApproval, ['approveClosure', 'head', { approve: true }]];
const SETUP: Record<ActionName, { longTerm?: boolean; steps: Step[] }> = {
  claim: { steps: [] },
  planMeasures: { steps: [['claim', 'fin1', {}]] },
  submitPlan: { steps: [['claim', 'fin1', {}]] },
  decidePlan: { steps: [['claim', 'fin1', {}], ['submitPlan', 'fin1', {}]] },
  completeMeasure: { steps: toInProgress },
  reportProgress: { longTerm: true, steps: [] },
  requestExtension: { steps: [] },
  decideExtension: { steps: [['requestExtension', 'fin1', { until: inDays(80), reason: '等待设备到货' }]] },
  requestClosure: { steps: [...toInProgress, done] },
  reviewClosure: { steps: toLeaderReview },
  verifyClosure: { steps: toLeaderReview.concat([['reviewClosure', 'vp1', { approve: true }]]) },
  approveClosure: { steps: toHeadApproval },
  markPhaseComplete: { longTerm: true, steps: [...toInProgress, done] },
  confirmLookBack: { steps: toClosed },
  reopen: { steps: toClosed },
  remind: { steps: [] },
};

interface Cell {
  action: ActionName;
  column: Column;
  account: Account;
  no: number;
  expected: Expected;
  status?: number;
  body?: { error?: { code: string; message: string } } & Record<string, unknown>;
}

// Problem numbers: per action one shared problem for every refused cell, and one of its own for
// every cell that succeeds (it changes the state). Two problems of 人事科 (leader vp2) close the list.
const cells: Cell[] = [];
const shared = {} as Record<ActionName, number>;
const problems: { no: number; action: ActionName }[] = [];
for (const action of ACTION_NAMES) {
  problems.push({ no: problems.length + 1, action });
  shared[action] = problems.length;
}
for (const action of ACTION_NAMES) {
  COLUMNS.forEach((column, i) => {
    const expected = EXPECTED[action][i]!;
    const [account, wrongFrom] = column === WRONG ? WRONG_STATE[action] : [column, action];
    let no = shared[wrongFrom];
    if (expected === '200') {
      problems.push({ no: problems.length + 1, action });
      no = problems.length;
    }
    cells.push({ action, column, account, no, expected });
  });
}
const HR = [problems.length + 1, problems.length + 2];

const id = uniqueId('matrix');
const ledger = deskLedger(id, {
  problems: [
    ...problems.map(({ no, action }) => ({
      no, aspect: 1, title: `财务问题${no}（${action}）`, department: '财务科', owner: 'fin1', responsibleLeader: 'vp1',
      ...(SETUP[action].longTerm ? { kind: 'long-term' } : { kind: 'time-bound', deadline: inDays(60) }),
      measures: [{ text: '修订报销管理办法', owner: 'fin1', due: inDays(40) }],
    })),
    ...HR.map((no) => ({ no, aspect: 1, title: `人事问题${no}`, kind: 'time-bound', department: '人事科', owner: 'hr1', responsibleLeader: 'vp2', deadline: inDays(60) })),
  ],
});

let desk: DeskHarness;
const sessions = {} as Record<Account, Session>;
beforeAll(async () => {
  desk = await DeskHarness.start(ledger);
  await createAdmin(desk);
  for (const a of ACCOUNTS) sessions[a] = await desk.login(a);
  await Promise.all(
    problems.map(async ({ no, action }) => {
      const handle = desk.h.client.workflow.getHandle(problemWorkflowId(id, no));
      for (const [step, actor, input] of SETUP[action].steps) await act(handle, step, { ...input, actor } as never);
      await projectionCaughtUp(desk, id, no);
    }),
  );
}, 180_000);
afterAll(async () => desk?.close());

const DESK_REFUSAL = /^(您的角色（.+）不能|系统管理员不查看整改台账)/;
/** ✓ 200 done; ✗ and the status otherwise; a * marks a 403 given by the workflow, not the desk. */
const label = (c: Cell) =>
  `${c.status === 200 ? '✓' : '✗'} ${c.status ?? '—'}${c.status === 403 && !DESK_REFUSAL.test(c.body?.error?.message ?? '') ? '*' : ''}`;

test('every account × every action answers as written by hand, and refusals change nothing', async () => {
  const before = new Map<number, ProblemSnapshot>();
  for (const { no } of problems) before.set(no, await snapshotProblem(desk, id, no));
  const auditBefore = (await desk.h.db.query<{ max: number }>('select coalesce(max(id), 0)::int as max from desk_audit')).rows[0]!.max;

  await inBatches(cells, 16, async (cell) => {
    const r = await sessions[cell.account].post(`/api/campaigns/${id}/problems/${cell.no}/actions/${cell.action}`, actionPayload(cell.action));
    cell.status = r.status;
    cell.body = r.body;
  });

  const rows = ACTION_NAMES.map((action) => [action, ...cells.filter((c) => c.action === action).map(label)]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i + 1]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(18)}| ${r.slice(1).map((v, i) => v.padEnd(widths[i]!)).join(' | ')}`;
  const allowed = cells.filter((c) => c.status === 200).length;
  console.log(
    [`角色 × 操作矩阵（${ACTION_NAMES.length} 个操作 × ${COLUMNS.length} 列 = ${cells.length} 格；✓ 执行 ${allowed}，✗ 拒绝 ${cells.length - allowed}）`,
      line(['action', ...COLUMNS]), ...rows.map(line),
      '403 账号角色不允许（admin：无台账权限）；403* 工作流拒绝（不是本问题的该角色）；404 不在职责范围内；409 状态不允许（右列：该操作的责任人在错误状态下操作）'].join('\n'),
  );

  // Status first, for every cell at once: a failure names every cell that differs.
  const wrong = cells.filter((c) => String(c.status) !== c.expected.slice(0, 3)).map((c) => `${c.action} × ${c.column}: ${c.status} ${JSON.stringify(c.body)}`);
  expect(wrong).toEqual([]);

  const refusedAudit = (await desk.h.db.query<{ username: string; problem_no: number; detail: { action: string; code: string } }>(
    `select username, problem_no, detail from desk_audit where kind = 'action-refused' and id > $1`,
    [auditBefore],
  )).rows;
  for (const cell of cells) {
    const where = `${cell.action} × ${cell.column}`;
    const after = await snapshotProblem(desk, id, cell.no);
    if (cell.expected === '200') {
      // Done, and done as the account's person: the actor never comes from the body.
      const last = after.state.history.at(-1)!;
      expect([where, last.action, last.actor.id]).toEqual([where, cell.action, cell.account]);
      expect(cell.body).toMatchObject({ version: after.state.version, status: after.state.status });
      continue;
    }
    expect([where, after]).toEqual([where, before.get(cell.no)]);
    const error = cell.body!.error!;
    expect([where, error.code]).toEqual([where, { '403': 'Forbidden', '403w': 'Forbidden', '404': 'NotFound', '409': 'InvalidState' }[cell.expected]]);
    if (cell.expected === '404') expect([where, error.message]).toEqual([where, `找不到问题 ${cell.no}，或不在您的职责范围内`]);
    if (cell.expected === '403') expect([where, error.message]).toEqual([where, expect.stringMatching(DESK_REFUSAL)]);
    if (cell.expected === '403w' || cell.expected === '409') expect([where, error.message]).toEqual([where, expect.not.stringMatching(/您的角色/)]);
    // Every refusal is on the desk's audit trail, with who, which action and why: by the remit,
    // the account's role or the workflow.
    const logged = refusedAudit.some(
      (a) => a.username === cell.account && a.problem_no === cell.no && a.detail.action === cell.action && a.detail.code === error.code,
    );
    expect([where, logged]).toEqual([where, true]);
  }
});
