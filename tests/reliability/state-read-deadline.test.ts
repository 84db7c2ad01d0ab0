import { createActivities } from '../../activities';
import { newProblemsOf } from '../../domain/campaign';
import { faultLedger, PLAN_STEPS } from '../../reliability/load';
import { misorderUpdates, NotReproduced } from '../../reliability/update-order';
import { replayer } from '../../services/repair';
import { STATE_QUERY_DEADLINE_MS, STICKY_QUEUE_TIMEOUT_MS } from '../../services/problem-state';
import { Harness, uniqueId } from '../support/harness';

// The sequence that leaves a problem's history unreplayable (reliability/update-order.ts; shown by
// tests/reliability/repair.test.ts with a bare query) run with the desk's and CLI's own state read:
// it gives up before the dead worker's sticky queue times out, so the history stays replayable.

let h: Harness;
beforeAll(async () => {
  h = await Harness.devServer();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

test('the state read gives up before the workers sticky timeout', () => {
  expect(STATE_QUERY_DEADLINE_MS).toBeLessThan(STICKY_QUEUE_TIMEOUT_MS);
});

test('with the desk read, the kill-query-update sequence leaves a history that replays', async () => {
  const ledger = faultLedger(uniqueId('deadline'), 1);
  const [np] = newProblemsOf(ledger);
  await h.startProblems(ledger, []); // the campaign's rows; its one problem is started below
  const outcome = await misorderUpdates(
    { client: h.client, address: h.env.address, bundleFile: process.env.RECTIFY_WORKFLOW_BUNDLE!, activities: createActivities(h.db), taskQueue: uniqueId('deadline'), stateRead: 'desk' },
    np!,
    PLAN_STEPS.slice(0, 3),
  ).then(
    async (m) => (await m.close(), m),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(NotReproduced);
  const { workflowId, history } = outcome as NotReproduced;
  const replay = await replayer({ codePath: process.env.RECTIFY_WORKFLOW_BUNDLE! });
  expect((await replay([{ workflowId, history }])).get(workflowId)).toBeUndefined();
  // All three actions went through: nothing was traded for the replayable history.
  const updatesAccepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
  expect(updatesAccepted).toBe(3);
}, 180_000);
