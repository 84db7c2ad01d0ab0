import { verifyCampaign, type Ack } from '../../reliability/check';
import { problemWorkflowId } from '../../domain/ids';
import { act, eventually } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// The after-fault verifier on real servers: silent on a healthy campaign, and it names each kind of
// damage when the projection or the outbox is tampered with behind the workflows' back.

let h: Harness;
beforeAll(async () => {
  h = await Harness.devServer();
}, 120_000);
afterAll(async () => h?.close());

// smallLedger's deadlines are in 2024: the workflows fire their (collapsed) overdue notices at once,
// so the outbox holds event notifications as well as the actions' own.
const ledger = smallLedger({ id: uniqueId('verify') });
const acks: Ack[] = [];
const verify = (extra: Ack[] = [], settleMs = 0) => verifyCampaign(h.client, h.db, [ledger.id], { acks: [...acks, ...extra], settleMs });
const wf2 = problemWorkflowId(ledger.id, 2);

test('a healthy campaign: every count is 0, and something was really checked', async () => {
  const [p1] = await h.startProblems(ledger);
  for (const [action, input] of [['claim', { actor: 'fin1' }], ['submitPlan', { actor: 'fin1' }], ['decidePlan', { actor: 'vp1', approve: true }]] as const) {
    const r = await act(p1!, action, input);
    acks.push({ campaignId: ledger.id, no: 1, action, version: r.version });
  }
  const v = await verify([], 30_000);
  expect(v).toMatchObject({ problems: 3, mismatched: 0, lost: 0, duplicated: 0, stuck: 0, acksChecked: 3 });
  // Every outbox row was looked for: one check per (key, recipient) the workflows' histories wrote.
  const { rows } = await h.db.query<{ n: number }>('select count(*)::int as n from notifications where campaign_id = $1', [ledger.id]);
  expect(rows[0]!.n).toBeGreaterThan(3);
  expect(v.notificationsChecked).toBeGreaterThanOrEqual(rows[0]!.n);
}, 60_000);

test('a problem status changed in the projection is exactly one mismatch, on that problem', async () => {
  await h.db.query(`update problems set status = 'closed' where campaign_id = $1 and no = 2`, [ledger.id]);
  const v = await verify();
  expect(v).toMatchObject({ mismatched: 1, lost: 0, duplicated: 0, stuck: 0 });
  expect(v.details).toEqual([expect.objectContaining({ kind: 'mismatched', workflowId: wf2, detail: expect.stringContaining('状态') })]);
  const live = await h.state(h.client.workflow.getHandle(wf2));
  await h.db.query('update problems set status = $3 where campaign_id = $1 and no = $2', [ledger.id, 2, live.status]);
  expect((await verify()).mismatched).toBe(0);
});

test('a projection behind its workflow counts as stuck once the settle period is over', async () => {
  await h.db.query('update problems set version = version - 1 where campaign_id = $1 and no = 2', [ledger.id]);
  const v = await verify([], 3_000);
  expect(v).toMatchObject({ mismatched: 0, lost: 0, stuck: 1 });
  expect(v.details[0]).toMatchObject({ kind: 'stuck', workflowId: wf2, detail: expect.stringContaining('台账落后') });
  await h.db.query('update problems set version = version + 1 where campaign_id = $1 and no = 2', [ledger.id]);
});

test('an acknowledged action the workflow does not have is lost', async () => {
  const v = await verify([{ campaignId: ledger.id, no: 2, action: 'claim', version: 99 }]);
  expect(v).toMatchObject({ lost: 1, mismatched: 0, stuck: 0 });
});

test('an acknowledged action without a version (answered without the state) is looked for by name', async () => {
  expect(await verify([{ campaignId: ledger.id, no: 1, action: 'submitPlan' }])).toMatchObject({ lost: 0, mismatched: 0, stuck: 0, acksChecked: 4 });
  const v = await verify([{ campaignId: ledger.id, no: 2, action: 'claim' }]);
  expect(v).toMatchObject({ lost: 1, mismatched: 0, stuck: 0 });
  expect(v.details[0]).toMatchObject({ kind: 'lost', workflowId: wf2, detail: expect.stringContaining('版本 未知') });
});

test('a notification row deleted from the outbox is lost; a second copy is refused by the table', async () => {
  const { rows } = await h.db.query<Record<string, unknown>>(
    `select dedupe_key, recipient_id, recipient_name, campaign_id, problem_no, workflow_id, kind, title, body from notifications
     where campaign_id = $1 and workflow_id = $2 order by id limit 1`,
    [ledger.id, wf2],
  );
  const row = rows[0]!;
  const cols = Object.keys(row);
  const insert = () => h.db.query(`insert into notifications (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
  // "Exactly once by its dedupe key" is the unique (dedupe_key, recipient_id) constraint's to keep.
  await expect(insert()).rejects.toThrow(/duplicate key|unique/);

  await h.db.query('delete from notifications where dedupe_key = $1 and recipient_id = $2', [row.dedupe_key, row.recipient_id]);
  const v = await verify();
  expect(v).toMatchObject({ lost: 1, duplicated: 0, mismatched: 0, stuck: 0 });
  expect(v.details[0]).toMatchObject({ kind: 'lost', workflowId: wf2 });
  await insert();
  await eventually(async () => expect((await verify()).lost).toBe(0));
});
