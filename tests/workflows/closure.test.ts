import { addDays, shanghaiDate } from '../../domain/dates';
import { FailureType } from '../../domain/errors';
import { act, rejected, stateOf, textEvidence, toInProgress } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

async function startOne() {
  const today = shanghaiDate(await h.now());
  const deadline = addDays(today, 30);
  const ledger = smallLedger({
    id: uniqueId('closure'),
    problems: [
      {
        no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
        measures: [
          { text: '修订报销管理办法', owner: 'fin1', due: deadline },
          { text: '开展报销专项检查', owner: 'fin2', due: deadline },
        ],
      },
    ],
  });
  const [handle] = await h.startProblems(ledger);
  return handle!;
}

test('closure is refused until every measure is done with evidence, and a refusal leaves no trace', async () => {
  const handle = await startOne();
  await toInProgress(handle);
  const before = await stateOf(handle);
  const f = await rejected(handle, 'requestClosure', { actor: 'fin1' });
  expect(f.type).toBe(FailureType.InvalidState);
  expect(f.message).toBe('以下措施尚未完成或缺少佐证材料：M1、M2');
  expect(await stateOf(handle)).toEqual(before);

  await act(handle, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('办法已印发')] });
  expect((await rejected(handle, 'requestClosure', { actor: 'fin1' })).message).toBe('以下措施尚未完成或缺少佐证材料：M2');
  const noEvidence = await rejected(handle, 'completeMeasure', { actor: 'fin2', measureId: 'M2', evidence: [] });
  expect(noEvidence.type).toBe(FailureType.InvalidInput);
  expect(noEvidence.message).toBe('evidence: 完成措施必须附佐证材料');

  // Validator rejections are never written to history: only accepted updates appear there.
  const history = await handle.fetchHistory();
  const rejectedInHistory = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'requestClosure');
  expect(rejectedInHistory).toHaveLength(0);
});

test('a return at each level sends the problem back to work with its reason, then it closes', async () => {
  const handle = await startOne();
  await toInProgress(handle);
  await act(handle, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('办法已印发')] });
  await act(handle, 'completeMeasure', { actor: 'fin2', measureId: 'M2', evidence: [{ kind: 'file', name: '检查记录.pdf', size: 20480, sha256: 'b'.repeat(64) }] });

  await act(handle, 'requestClosure', { actor: 'fin1' });
  expect((await act(handle, 'reviewClosure', { actor: 'vp1', approve: false, reason: '佐证不充分' })).status).toBe('in_progress');
  await act(handle, 'requestClosure', { actor: 'fin1' });
  await act(handle, 'reviewClosure', { actor: 'vp1', approve: true });
  expect((await act(handle, 'verifyClosure', { actor: 'office1', approve: false, reason: '与台账不符' })).status).toBe('in_progress');
  await act(handle, 'requestClosure', { actor: 'fin1' });
  await act(handle, 'reviewClosure', { actor: 'vp1', approve: true });
  await act(handle, 'verifyClosure', { actor: 'office1', approve: true });
  expect((await act(handle, 'approveClosure', { actor: 'head', approve: false, reason: '需补充整改成效' })).status).toBe('in_progress');
  await act(handle, 'requestClosure', { actor: 'fin1' });
  await act(handle, 'reviewClosure', { actor: 'vp1', approve: true });
  await act(handle, 'verifyClosure', { actor: 'office1', approve: true });
  const done = await act(handle, 'approveClosure', { actor: 'head', approve: true });
  expect(done.status).toBe('closed');

  const s = await stateOf(handle);
  expect(s.history.filter((e) => e.reason).map((e) => [e.action, e.reason, e.after.status])).toEqual([
    ['reviewClosure', '佐证不充分', 'in_progress'],
    ['verifyClosure', '与台账不符', 'in_progress'],
    ['approveClosure', '需补充整改成效', 'in_progress'],
  ]);
  const { rows } = await h.db.query<{ kind: string; recipient_id: string }>(
    "select kind, recipient_id from notifications where workflow_id = $1 and kind = 'closure-returned' order by id",
    [handle.workflowId],
  );
  expect(rows.map((r) => r.recipient_id)).toEqual(['fin1', 'fin1', 'fin1']);
});

test('a returned plan goes back to planning and can be edited before approval', async () => {
  const handle = await startOne();
  await act(handle, 'claim', { actor: 'fin1' });
  await act(handle, 'submitPlan', { actor: 'fin1' });
  await act(handle, 'decidePlan', { actor: 'vp1', approve: false, reason: '措施不够具体' });
  expect((await stateOf(handle)).status).toBe('planning');
  await act(handle, 'planMeasures', { actor: 'fin2', measures: [{ text: '逐笔复核2024年报销凭证', owner: 'fin2', due: shanghaiDate((await h.now()) + 86400_000 * 20) }] });
  await act(handle, 'submitPlan', { actor: 'fin1' });
  await act(handle, 'decidePlan', { actor: 'vp1', approve: true });
  const s = await stateOf(handle);
  expect(s.status).toBe('in_progress');
  expect(s.measures.map((m) => m.text)).toEqual(['逐笔复核2024年报销凭证']);
  expect((await rejected(handle, 'planMeasures', { actor: 'fin1', measures: [{ text: 'x', owner: 'fin1', due: '2030-01-01' }] })).type).toBe(FailureType.InvalidState);
});

test('the full happy path closes with the head as final approver', async () => {
  const handle = await startOne();
  await act(handle, 'claim', { actor: 'fin1' });
  await act(handle, 'planMeasures', { actor: 'fin1', measures: [{ text: '修订报销管理办法', owner: 'fin1', due: shanghaiDate((await h.now()) + 86400_000 * 20) }] });
  await toClosedFromPlanning(handle);
  expect((await stateOf(handle)).status).toBe('closed');
});

async function toClosedFromPlanning(handle: Awaited<ReturnType<typeof startOne>>) {
  await act(handle, 'submitPlan', { actor: 'fin1' });
  await act(handle, 'decidePlan', { actor: 'vp1', approve: true });
  await act(handle, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('已印发')] });
  await act(handle, 'requestClosure', { actor: 'fin1' });
  await act(handle, 'reviewClosure', { actor: 'vp1', approve: true });
  await act(handle, 'verifyClosure', { actor: 'office1', approve: true });
  expect((await rejected(handle, 'approveClosure', { actor: 'vp1', approve: true })).type).toBe(FailureType.Forbidden);
  await act(handle, 'approveClosure', { actor: 'head', approve: true });
}

