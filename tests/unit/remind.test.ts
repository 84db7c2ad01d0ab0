import { newProblemsOf } from '../../domain/campaign';
import { FailureType, RejectedAction } from '../../domain/errors';
import { applyAction, newProblemData, validateAction } from '../../domain/problem';
import type { ActionName, OutgoingNotification, ProblemData } from '../../domain/problem-types';
import { smallLedger } from '../support/ledger';

const NOW = Date.parse('2024-10-10T02:00:00Z');
const problem = (): ProblemData => newProblemData(newProblemsOf(smallLedger(), '2024-09-26')[0]!, NOW);

function act(d: ProblemData, action: ActionName, args: Record<string, unknown>): OutgoingNotification[] {
  const { args: parsed, actor } = validateAction(d, action, args, NOW);
  return applyAction(d, action, parsed, actor, NOW);
}

/** The refusal of an action, asserting the state is exactly as before. */
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

describe('remind (催办)', () => {
  it('lets the office remind the department, with the default text, leaving the status alone', () => {
    const d = problem();
    const notes = act(d, 'remind', { actor: 'office1' });
    expect(d.status).toBe('assigned');
    expect(d.version).toBe(1);
    expect(d.history[0]).toMatchObject({
      seq: 1,
      action: 'remind',
      actor: { id: 'office1', name: '周主任' },
      summary: '办公室催办：请抓紧推进整改，按时限完成并上传佐证材料。',
      before: { status: 'assigned', warning: 'none' },
      after: { status: 'assigned', warning: 'none' },
    });
    expect(notes).toEqual([
      {
        dedupeKey: 'action:1',
        kind: 'manual-reminder',
        recipients: [{ id: 'fin1', name: '钱科长' }, { id: 'fin2', name: '孙会计' }],
        title: '问题1办公室催办',
        body: '请抓紧推进整改，按时限完成并上传佐证材料。',
      },
    ]);
  });

  it('says what the office wrote, and gives each reminder its own dedupe key', () => {
    const d = problem();
    act(d, 'claim', { actor: 'fin1' });
    const [first] = act(d, 'remind', { actor: 'office1', text: '  请本周内提交整改措施。 ' });
    const [second] = act(d, 'remind', { actor: '周主任', text: '' });
    expect(first).toMatchObject({ dedupeKey: 'action:2', body: '请本周内提交整改措施。' });
    expect(second).toMatchObject({ dedupeKey: 'action:3', body: '请抓紧推进整改，按时限完成并上传佐证材料。' });
    expect(d.history.map((h) => h.summary)).toEqual(['认领', '办公室催办：请本周内提交整改措施。', '办公室催办：请抓紧推进整改，按时限完成并上传佐证材料。']);
    expect(d.status).toBe('planning');
  });

  it('refuses the department, the responsible leader and the head as Forbidden', () => {
    const d = problem();
    for (const who of ['fin1', 'fin2', 'vp1', 'head']) {
      expect([who, rejection(d, 'remind', { actor: who }).type]).toEqual([who, FailureType.Forbidden]);
    }
    expect(rejection(d, 'remind', { actor: 'vp1' }).message).toBe('李院长不是本问题的领导小组办公室，不能催办');
  });

  it('works in every open status and is refused once closed', () => {
    const d = problem();
    for (const status of ['planning', 'plan_review', 'in_progress', 'leader_review', 'office_verification', 'head_approval', 'phase_complete'] as const) {
      d.status = status;
      expect(() => validateAction(d, 'remind', { actor: 'office1' }, NOW)).not.toThrow();
    }
    d.status = 'closed';
    expect(rejection(d, 'remind', { actor: 'office1' })).toMatchObject({ type: FailureType.InvalidState, message: '问题1当前状态为「已销号」，不能催办' });
  });

  it('refuses a text longer than 500 characters as InvalidInput', () => {
    const d = problem();
    expect(() => validateAction(d, 'remind', { actor: 'office1', text: '催'.repeat(500) }, NOW)).not.toThrow();
    const e = rejection(d, 'remind', { actor: 'office1', text: '催'.repeat(501) });
    expect(e).toMatchObject({ type: FailureType.InvalidInput, message: 'text: 催办内容最多 500 字' });
    expect(rejection(d, 'remind', { actor: 'office1', text: 42 }).type).toBe(FailureType.InvalidInput);
  });
});
