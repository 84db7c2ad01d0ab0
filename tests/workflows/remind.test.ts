import { FailureType } from '../../domain/errors';
import { act, DAY, rejected, stateOf, toClosed } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

type Row = { dedupe_key: string; recipient_id: string; kind: string; title: string; body: string };
const outbox = async (workflowId: string) =>
  (
    await h.db.query<Row>(
      "select dedupe_key, recipient_id, kind, title, body from notifications where workflow_id = $1 and kind = 'manual-reminder' order by id",
      [workflowId],
    )
  ).rows;

test('the office reminds the department: one outbox row per department member, once, and a history entry', async () => {
  const ledger = smallLedger({ id: uniqueId('remind') });
  const [handle] = await h.startProblems(ledger, [1]);
  const id = handle!.workflowId;

  const r = await act(handle!, 'remind', { actor: 'office1', text: '请本周内认领并制定整改措施。' });
  expect(r).toMatchObject({ status: 'assigned', summary: '办公室催办：请本周内认领并制定整改措施。' });
  // Time passes and the workflow wakes for its own timers: nothing is written twice.
  await h.env.sleep(2 * DAY);
  // The key is the action's history seq (the ledger's 2024 deadline has passed: escalation came first).
  const seq = (await stateOf(handle!)).history.find((e) => e.action === 'remind')!.seq;
  expect(await outbox(id)).toEqual([
    { dedupe_key: `${id}:action:${seq}`, recipient_id: 'fin1', kind: 'manual-reminder', title: '问题1办公室催办', body: '请本周内认领并制定整改措施。' },
    { dedupe_key: `${id}:action:${seq}`, recipient_id: 'fin2', kind: 'manual-reminder', title: '问题1办公室催办', body: '请本周内认领并制定整改措施。' },
  ]);
  const { rows: audit } = await h.db.query<{ actor_id: string; action: string; summary: string }>(
    "select actor_id, action, summary from audit where workflow_id = $1 and action = 'remind'",
    [id],
  );
  expect(audit).toEqual([{ actor_id: 'office1', action: 'remind', summary: '办公室催办：请本周内认领并制定整改措施。' }]);

  // The department cannot chase itself; nothing more lands.
  expect((await rejected(handle!, 'remind', { actor: 'fin1' })).type).toBe(FailureType.Forbidden);
  expect(await outbox(id)).toHaveLength(2);
});

test('a closed problem is not chased', async () => {
  const ledger = smallLedger({ id: uniqueId('remind-closed') });
  const [handle] = await h.startProblems(ledger, [1]);
  await toClosed(handle!);
  const before = await stateOf(handle!);
  const f = await rejected(handle!, 'remind', { actor: 'office1' });
  expect(f).toMatchObject({ type: FailureType.InvalidState, message: '问题1当前状态为「已销号」，不能催办' });
  expect(await stateOf(handle!)).toEqual(before);
  expect(await outbox(handle!.workflowId)).toEqual([]);
});
