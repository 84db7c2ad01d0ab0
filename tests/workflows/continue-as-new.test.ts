import { act, stateOf, toInProgress } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

test('a long-lived problem continues as new with its whole state and keeps answering', async () => {
  const ledger = smallLedger({ id: uniqueId('can') });
  // A low ceiling makes the run roll over after a few actions instead of thousands.
  const [handle] = await h.startProblems(ledger, [3], { maxHistoryEvents: 60 });
  const firstRunId = handle!.firstExecutionRunId;
  await act(handle!, 'claim', { actor: 'hr1' });
  await act(handle!, 'planMeasures', { actor: 'hr1', measures: [{ text: '每月集中学习', owner: 'hr1', due: '2099-12-31' }] });
  await act(handle!, 'submitPlan', { actor: 'hr1' });
  await act(handle!, 'decidePlan', { actor: 'vp2', approve: true });
  for (let i = 1; i <= 20; i++) await act(handle!, 'reportProgress', { actor: 'hr1', text: `第${i}次进展` });

  const { runId } = await handle!.describe();
  expect(runId).not.toBe(firstRunId);
  const s = await stateOf(handle!);
  expect(s.progressReports).toHaveLength(20);
  expect(s.history.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  // Every run's history stays under the ceiling (plus the few events of the last activation).
  const history = await h.client.workflow.getHandle(handle!.workflowId, firstRunId).fetchHistory();
  expect(history.events!.length).toBeLessThan(90);
  // Each history entry reached the audit table exactly once across runs.
  const { rows } = await h.db.query<{ n: string }>('select count(*) as n from audit where workflow_id = $1', [handle!.workflowId]);
  expect(Number(rows[0]!.n)).toBe(24);
});

test('toInProgress works on a problem continued as new', async () => {
  const ledger = smallLedger({ id: uniqueId('can2') });
  const [handle] = await h.startProblems(ledger, [1], { maxHistoryEvents: 30 });
  await toInProgress(handle!);
  await act(handle!, 'requestExtension', { actor: 'fin1', until: '2099-01-01', reason: '等待上级批复' });
  const s = await stateOf(handle!);
  expect(s.status).toBe('in_progress');
  expect(s.pendingExtension?.until).toBe('2099-01-01');
});
