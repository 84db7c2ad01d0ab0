import type { AccountRole, Me } from '../../domain/accounts';
import { ACCOUNT_ROLES } from '../../domain/accounts';
import { newProblemsOf } from '../../domain/campaign';
import { availableActions, canSeeProblem, deskAllows, ledgerScopeFor } from '../../domain/permissions';
import { newProblemData } from '../../domain/problem';
import { ACTION_NAMES, type ProblemData, type ProblemStatus } from '../../domain/problem-types';
import { smallLedger } from '../support/ledger';

const NOW = Date.parse('2024-10-10T02:00:00Z');
const me = (role: AccountRole, personId: string, department: string | null = null): Me => ({
  username: personId, personId, name: personId, role, department, mustChangePassword: false,
});

// The people of smallLedger as desk accounts.
const finOwner = me('dept_owner', 'fin1', '财务科');
const finMember = me('dept_member', 'fin2', '财务科');
const hrOwner = me('dept_owner', 'hr1', '人事科');
const vp1 = me('leader', 'vp1');
const vp2 = me('leader', 'vp2');
const office = me('office', 'office1');
const head = me('head', 'head');
const admin = me('admin', 'admin');

/** Problem `no` of smallLedger (1: time-bound, 财务科, vp1; 3: long-term, 人事科, vp2), put in `status`. */
function problem(no: number, status: ProblemStatus, edit: (l: ReturnType<typeof smallLedger>) => void = () => {}): ProblemData {
  const ledger = smallLedger();
  edit(ledger);
  const d = newProblemData(newProblemsOf(ledger, '2024-09-26').find((p) => p.problem.no === no)!, NOW);
  d.status = status;
  if (status === 'closed') d.closedOn = '2024-10-10';
  return d;
}

describe('the account role gate', () => {
  it('equals the table, for every role and every action', () => {
    // Columns: dept_owner dept_member leader office head admin.
    const expected: Record<string, string> = {
      claim: 'xx....',
      planMeasures: 'xx....',
      submitPlan: 'x.....',
      decidePlan: '..x.x.',
      completeMeasure: 'xx....',
      reportProgress: 'xx....',
      requestExtension: 'x.....',
      decideExtension: '...xx.',
      requestClosure: 'x.....',
      reviewClosure: '..x.x.',
      verifyClosure: '...x..',
      approveClosure: '....x.',
      markPhaseComplete: '...x..',
      confirmLookBack: '...x..',
      reopen: '...x..',
      remind: '...x..',
    };
    expect(ACCOUNT_ROLES).toEqual(['dept_owner', 'dept_member', 'leader', 'office', 'head', 'admin']);
    const actual = Object.fromEntries(
      ACTION_NAMES.map((a) => [a, ACCOUNT_ROLES.map((r) => (deskAllows(me(r, 'p', '财务科'), a) ? 'x' : '.')).join('')]),
    );
    expect(actual).toEqual(expected);
  });
});

describe('visibility', () => {
  const finProblem = { department: '财务科', responsibleLeader: 'vp1' };
  const hrProblem = { department: '人事科', responsibleLeader: 'vp2' };

  it('gives each role its ledger scope', () => {
    expect(ledgerScopeFor(finOwner)).toEqual({ kind: 'department', department: '财务科' });
    expect(ledgerScopeFor(finMember)).toEqual({ kind: 'department', department: '财务科' });
    expect(ledgerScopeFor(vp1)).toEqual({ kind: 'leader', personId: 'vp1' });
    expect(ledgerScopeFor(office)).toEqual({ kind: 'all' });
    expect(ledgerScopeFor(head)).toEqual({ kind: 'all' });
    expect(ledgerScopeFor(admin)).toBeNull();
    expect(ledgerScopeFor(me('dept_member', 'x', null))).toBeNull();
  });

  it('shows a department its own problems only, a leader those they lead, office and head all, admin none', () => {
    const sees = (m: Me) => [canSeeProblem(m, finProblem), canSeeProblem(m, hrProblem)];
    expect(sees(finOwner)).toEqual([true, false]);
    expect(sees(finMember)).toEqual([true, false]);
    expect(sees(hrOwner)).toEqual([false, true]);
    expect(sees(vp1)).toEqual([true, false]);
    expect(sees(vp2)).toEqual([false, true]);
    expect(sees(office)).toEqual([true, true]);
    expect(sees(head)).toEqual([true, true]);
    expect(sees(admin)).toEqual([false, false]);
  });
});

describe('available actions', () => {
  it('offers the department the claim of an assigned problem, and the office a reminder', () => {
    const d = problem(1, 'assigned');
    // The workflow lets an extension be asked for from the start, while the deadline runs.
    expect(availableActions(finOwner, d)).toEqual(['claim', 'requestExtension']);
    expect(availableActions(finMember, d)).toEqual(['claim']);
    expect(availableActions(hrOwner, d)).toEqual([]);
    expect(availableActions(office, d)).toEqual(['remind']);
    expect(availableActions(vp1, d)).toEqual([]);
    expect(availableActions(head, d)).toEqual([]);
  });

  it('keeps submitting and extensions for the department owner', () => {
    const d = problem(1, 'planning');
    expect(availableActions(finOwner, d)).toEqual(['planMeasures', 'submitPlan', 'requestExtension']);
    expect(availableActions(finMember, d)).toEqual(['planMeasures']);
  });

  it('gives decidePlan to the responsible leader only', () => {
    const d = problem(1, 'plan_review');
    expect(availableActions(vp1, d)).toEqual(['decidePlan']);
    expect(availableActions(vp2, d)).toEqual([]);
    expect(availableActions(head, d)).toEqual([]);
    expect(availableActions(finOwner, d)).toEqual(['requestExtension']);
  });

  it('leaves payload preconditions to the workflow', () => {
    const d = problem(1, 'in_progress');
    expect(d.measures.every((m) => !m.done)).toBe(true);
    expect(availableActions(finOwner, d)).toEqual(['completeMeasure', 'requestExtension', 'requestClosure']);
    expect(availableActions(finMember, d)).toEqual(['completeMeasure']);
  });

  it('walks the closure approvals: leader, office, head', () => {
    expect(availableActions(vp1, problem(1, 'leader_review'))).toEqual(['reviewClosure']);
    expect(availableActions(office, problem(1, 'office_verification'))).toEqual(['verifyClosure', 'remind']);
    const atHead = problem(1, 'head_approval');
    expect(availableActions(head, atHead)).toEqual(['approveClosure']);
    expect(availableActions(vp1, atHead)).toEqual([]);
    expect(availableActions(office, atHead)).toEqual(['remind']);
  });

  it('lets a head who is the responsible leader review as the leader', () => {
    const led = (l: ReturnType<typeof smallLedger>) => (l.problems[0]!.responsibleLeader = 'head');
    expect(availableActions(head, problem(1, 'leader_review', led))).toEqual(['reviewClosure']);
    expect(availableActions(head, problem(1, 'plan_review', led))).toEqual(['decidePlan']);
    expect(availableActions(head, problem(1, 'head_approval', led))).toEqual(['approveClosure']);
    expect(availableActions(vp1, problem(1, 'leader_review', led))).toEqual([]);
  });

  it('sends a pending extension to the approver the policy names', () => {
    const pending = { by: { id: 'fin1', name: '钱科长' }, until: '2025-03-31', reason: '设备未到', at: '2024-10-10T02:00:00.000Z' };
    const byHead = problem(1, 'in_progress');
    byHead.pendingExtension = pending;
    expect(availableActions(head, byHead)).toEqual(['decideExtension']);
    expect(availableActions(office, byHead)).toEqual(['remind']);
    const byOffice = problem(1, 'in_progress', (l) => (l.policy = { extensionApprover: 'office' }));
    byOffice.pendingExtension = pending;
    expect(availableActions(office, byOffice)).toEqual(['decideExtension', 'remind']);
    expect(availableActions(head, byOffice)).toEqual([]);
  });

  it('gives the office the long-term phase, the look-back and no reminder once closed', () => {
    expect(availableActions(office, problem(3, 'in_progress'))).toEqual(['markPhaseComplete', 'remind']);
    expect(availableActions(me('dept_member', 'hr1', '人事科'), problem(3, 'phase_complete'))).toEqual(['reportProgress']);
    expect(availableActions(office, problem(1, 'closed'))).toEqual(['confirmLookBack', 'reopen']);
    expect(availableActions(finOwner, problem(1, 'closed'))).toEqual([]);
  });

  it('offers an admin nothing anywhere', () => {
    for (const s of ['assigned', 'planning', 'plan_review', 'in_progress', 'leader_review', 'office_verification', 'head_approval', 'phase_complete', 'closed'] as const) {
      expect([s, availableActions(admin, problem(1, s))]).toEqual([s, []]);
    }
  });
});
