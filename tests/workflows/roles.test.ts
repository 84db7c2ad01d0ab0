import { addDays, shanghaiDate } from '../../domain/dates';
import { FailureType } from '../../domain/errors';
import type { ActionInput, ActionName } from '../../domain/problem-types';
import { act, rejected, stateOf, textEvidence } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

type Step = { [A in ActionName]: [A, ActionInput<A>, string[]] }[ActionName];

test('every action by the wrong role is rejected as Forbidden and changes nothing', async () => {
  const today = shanghaiDate(await h.now());
  const deadline = addDays(today, 30);
  const ledger = smallLedger({
    id: uniqueId('roles'),
    problems: [
      {
        no: 1, aspect: 1, title: '财务报销审核不严', kind: 'long-term', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
        measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }],
      },
    ],
  });
  const [handle] = await h.startProblems(ledger);
  const later = addDays(today, 60);
  // Each step: the action, its input for the right person, and people who must be refused.
  const steps: Step[] = [
    ['claim', { actor: 'fin1' }, ['vp1', 'office1', 'head', 'hr1']],
    ['planMeasures', { actor: 'fin2', measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }] }, ['vp1', 'office1', 'head']],
    ['submitPlan', { actor: 'fin1' }, ['vp1', 'office1', 'head']],
    ['decidePlan', { actor: 'vp1', approve: true }, ['fin1', 'vp2', 'office1', 'head', 'hr1']],
    ['requestExtension', { actor: 'fin1', until: later, reason: '需要经过职代会' }, ['vp1', 'office1', 'head']],
    ['decideExtension', { actor: 'head', approve: true }, ['fin1', 'vp1', 'office1']],
    ['completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('已印发')] }, ['vp1', 'office1', 'head']],
    ['reportProgress', { actor: 'fin1', text: '本月已开展专项检查' }, ['vp1', 'office1', 'head']],
    ['markPhaseComplete', { actor: 'office1' }, ['fin1', 'vp1', 'head']],
    ['requestClosure', { actor: 'fin1' }, ['vp1', 'office1', 'head']],
    ['reviewClosure', { actor: 'vp1', approve: true }, ['fin1', 'vp2', 'office1', 'head']],
    ['verifyClosure', { actor: 'office1', approve: true }, ['fin1', 'vp1', 'head']],
    ['approveClosure', { actor: 'head', approve: true }, ['fin1', 'vp1', 'vp2', 'office1']],
    ['reopen', { actor: 'office1', reason: '抽查发现反弹', deadline: addDays(today, 90) }, ['fin1', 'vp1', 'head']],
  ];
  for (const [action, input, wrong] of steps) {
    for (const who of wrong) {
      const before = await stateOf(handle!);
      const f = await rejected(handle!, action, { ...input, actor: who } as ActionInput<typeof action>);
      expect([action, who, f.type]).toEqual([action, who, FailureType.Forbidden]);
      expect(await stateOf(handle!)).toEqual(before);
    }
    await act(handle!, action, input as ActionInput<'claim'>);
  }
  const s = await stateOf(handle!);
  expect(s.status).toBe('planning');
  expect(s.history.filter((e) => e.actor.id !== 'system').map((e) => e.action)).toEqual(steps.map(([a]) => a));
});

test('an action out of turn is rejected as InvalidState', async () => {
  const ledger = smallLedger({ id: uniqueId('state') });
  const [handle] = await h.startProblems(ledger, [1]);
  const f = await rejected(handle!, 'requestClosure', { actor: 'fin1' });
  expect(f.type).toBe(FailureType.InvalidState);
  expect(f.message).toBe('问题1当前状态为「待认领」，不能申请销号');
  expect((await rejected(handle!, 'requestExtension', { actor: 'fin1', until: 'tomorrow', reason: 'x' })).message).toBe('until: "tomorrow" 不是有效日期（格式 YYYY-MM-DD）');
});
