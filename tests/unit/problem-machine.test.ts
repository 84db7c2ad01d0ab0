import { newProblemsOf } from '../../domain/campaign';
import { FailureType, RejectedAction } from '../../domain/errors';
import { applyAction, newProblemData, validateAction } from '../../domain/problem';
import { actionLabel } from '../../domain/problem-types';
import type { ActionName, ProblemData } from '../../domain/problem-types';
import { smallLedger } from '../support/ledger';

const NOW = Date.parse('2024-10-10T02:00:00Z');
const hash = 'a'.repeat(64);
const problem = (no: number): ProblemData => {
  const np = newProblemsOf(smallLedger(), '2024-09-26').find((p) => p.problem.no === no)!;
  return newProblemData(np, NOW);
};

function act(d: ProblemData, action: ActionName, args: Record<string, unknown>): void {
  const { args: parsed, actor } = validateAction(d, action, args, NOW);
  applyAction(d, action, parsed, actor, NOW);
}

function rejection(d: ProblemData, action: ActionName, args: Record<string, unknown>): RejectedAction {
  const before = JSON.stringify(d);
  try {
    validateAction(d, action, args, NOW);
  } catch (e) {
    expect(JSON.stringify(d)).toBe(before);
    if (e instanceof RejectedAction) return e;
    throw e;
  }
  throw new Error(`${action} was accepted`);
}

function toInProgress(d: ProblemData): void {
  act(d, 'claim', { actor: 'fin1' });
  act(d, 'submitPlan', { actor: 'fin2' });
  act(d, 'decidePlan', { actor: 'vp1', approve: true });
}

describe('problem state machine', () => {
  it('goes from claim to closed through every approval level', () => {
    const d = problem(1);
    toInProgress(d);
    act(d, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [{ kind: 'text', text: '新办法已印发', sha256: hash }], outcomes: { regulations: 1 } });
    act(d, 'requestClosure', { actor: 'fin1' });
    act(d, 'reviewClosure', { actor: 'vp1', approve: true });
    act(d, 'verifyClosure', { actor: 'office1', approve: true });
    act(d, 'approveClosure', { actor: '王书记', approve: true });
    expect(d.status).toBe('closed');
    expect(d.closedOn).toBe('2024-10-10');
    expect(d.history.map((h) => h.after.status)).toEqual([
      'planning', 'plan_review', 'in_progress', 'in_progress', 'leader_review', 'office_verification', 'head_approval', 'closed',
    ]);
  });

  it('rejects actions by the wrong role with a Chinese message, leaving state untouched', () => {
    const d = problem(1);
    expect(rejection(d, 'claim', { actor: 'vp1' })).toMatchObject({ type: FailureType.Forbidden, message: '李院长不是本问题的责任科室，不能认领' });
    expect(rejection(d, 'claim', { actor: 'hr1' }).message).toBe('「hr1」不在问题1的职责范围内，不能认领');
    toInProgress(d);
    act(d, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [{ kind: 'text', text: 'x', sha256: hash }] });
    act(d, 'requestClosure', { actor: 'fin1' });
    expect(rejection(d, 'reviewClosure', { actor: 'fin1', approve: true }).type).toBe(FailureType.Forbidden);
    expect(rejection(d, 'reviewClosure', { actor: 'vp2', approve: true }).type).toBe(FailureType.Forbidden);
    act(d, 'reviewClosure', { actor: 'vp1', approve: true });
    act(d, 'verifyClosure', { actor: 'office1', approve: true });
    expect(rejection(d, 'approveClosure', { actor: 'vp1', approve: true }).message).toContain('领导小组组长');
  });

  it('refuses an approver who belongs to the responsible department', () => {
    const ledger = smallLedger();
    ledger.people.find((p) => p.id === 'office1')!.department = '财务科';
    const d = newProblemData(newProblemsOf(ledger, '2024-09-26')[0]!, NOW);
    d.status = 'office_verification';
    expect(rejection(d, 'verifyClosure', { actor: 'office1', approve: true }).type).toBe(FailureType.Forbidden);
  });

  it('refuses closure until every measure is done with evidence', () => {
    const d = problem(1);
    toInProgress(d);
    expect(rejection(d, 'requestClosure', { actor: 'fin1' })).toMatchObject({ type: FailureType.InvalidState, message: expect.stringContaining('M1') });
    expect(rejection(d, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [] }).message).toContain('佐证');
  });

  it('validates payloads field by field', () => {
    const d = problem(1);
    toInProgress(d);
    const e = rejection(d, 'requestExtension', { actor: 'fin1', until: '2025-02-30', reason: '' });
    expect(e.type).toBe(FailureType.InvalidInput);
    expect(e.message).toContain('until: "2025-02-30" 不是有效日期');
    expect(e.message).toContain('reason: 理由不能为空');
    expect(rejection(d, 'requestExtension', { actor: 'fin1', until: '2024-12-01', reason: '设备未到' }).message).toContain('须晚于当前时限');
    expect(rejection(d, 'decidePlan', { actor: 'vp1', approve: false }).message).toBe('reason: 退回或不同意时必须填写理由');
    expect(rejection(d, 'decidePlan', { actor: 'vp1', approve: false, reason: '措施不具体' }).type).toBe(FailureType.InvalidState);
  });

  it('replaces only the open draft when measures are planned again after a relapse', () => {
    const d = problem(1);
    toInProgress(d);
    act(d, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [{ kind: 'text', text: 'x', sha256: hash }] });
    d.status = 'closed';
    act(d, 'reopen', { actor: 'office1', reason: '抽查发现仍有违规报销', deadline: '2025-03-31' });
    expect(d.status).toBe('planning');
    act(d, 'planMeasures', { actor: 'fin1', measures: [{ text: '开展专项检查', owner: 'fin2', due: '2025-03-01' }] });
    expect(d.measures.map((m) => [m.id, m.done])).toEqual([['M1', true], ['M2', false]]);
    expect(d.deadline).toBe('2025-03-31');
    expect(d.reopenCount).toBe(1);
  });

  it('lets only the office mark a long-term problem phase-complete', () => {
    const d = problem(3);
    act(d, 'claim', { actor: 'hr1' });
    act(d, 'planMeasures', { actor: 'hr1', measures: [{ text: '每月集中学习', owner: 'hr1', due: '2024-12-31' }] });
    act(d, 'submitPlan', { actor: 'hr1' });
    act(d, 'decidePlan', { actor: 'vp2', approve: true });
    act(d, 'completeMeasure', { actor: 'hr1', measureId: 'M1', evidence: [{ kind: 'file', name: '学习记录.pdf', size: 1024, sha256: hash }] });
    expect(rejection(d, 'markPhaseComplete', { actor: 'hr1' }).type).toBe(FailureType.Forbidden);
    act(d, 'markPhaseComplete', { actor: 'office1' });
    expect(d.status).toBe('phase_complete');
    act(d, 'reportProgress', { actor: 'hr1', text: '本月开展集中学习2次' });
    expect(d.progressReports).toHaveLength(1);
  });

  it('names history actions for people, scheduled events included', () => {
    expect(['claim', 'approveClosure', 'warning-red', 'progress-request'].map(actionLabel)).toEqual(['认领', '组长审批', '红牌预警、督办', '进展催报']);
  });
});
