import { maskEmail } from '../../domain/delivery';
import { alwaysOpenDelivery } from '../../services/delivery/config';
import { ensureDeliveryDispatcher } from '../../worker/dispatcher';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';

// 发送情况 through the desk's API on real servers: the office's 催办 goes out through the dispatcher;
// with no mail server configured (RECTIFY_SMTP_URL unset) the email fails for good and says so.
// The office lists the failure (masked address, reason, answer) and resends it (audited); the
// problem's timeline carries the delivery marks; nobody else sees any of it. Quiet hours are off
// and every day is a working day, so the 催办 goes at once whenever the test runs.

let desk: DeskHarness;
const id = uniqueId('send');
let office: Session;
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id), {}, {
    delivery: alwaysOpenDelivery({ mailFrom: '整改办 <rectify@hospital.test>', secretKey: 'desk-delivery-test-key-of-32-characters' }),
  });
  await ensureDeliveryDispatcher(desk.h.client, desk.h.taskQueue);
  office = await desk.login('office1');
});
afterAll(async () => desk?.close());

test('a notice that cannot be sent is listed for the office with its reason and resent on request; its timeline shows the mark', async () => {
  await desk.h.db.query("insert into contacts (person_id, email) values ('fin1', 'qian.kezhang@hospital.test') on conflict (person_id) do update set email = excluded.email");
  expect((await office.post(`/api/campaigns/${id}/reminders`, { nos: [1] })).status).toBe(200);

  const list = await eventually(async () => {
    const r = await office.get(`/api/campaigns/${id}/deliveries?status=failed`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    return r.body;
  });
  const [failed] = list.items;
  expect(failed).toMatchObject({
    problemNo: 1,
    kind: 'manual-reminder',
    recipient: { id: 'fin1', name: '钱科长' },
    channel: 'email',
    target: maskEmail('qian.kezhang@hospital.test'),
    status: 'failed',
    attempts: 1,
    error: '未配置发信服务器（RECTIFY_SMTP_URL）',
  });
  expect(JSON.stringify(list)).not.toContain('qian.kezhang@');
  expect((await office.get(`/api/campaigns/${id}/deliveries?problem=1`)).body.total).toBe(1);
  expect((await office.get(`/api/campaigns/${id}/deliveries?status=sent`)).body.total).toBe(0);

  const detail = await office.get(`/api/campaigns/${id}/problems/1`);
  const told = detail.body.told.find((t: { kind: string }) => t.kind === 'manual-reminder');
  expect(told.deliveries).toEqual([{ channel: 'email', status: 'failed', sentAt: null, error: '未配置发信服务器（RECTIFY_SMTP_URL）', recipient: '钱科长' }]);

  const resent = await office.post(`/api/deliveries/${failed.id}/resend`);
  expect(resent.status).toBe(200);
  expect(resent.body).toEqual({ id: failed.id, status: 'pending' });
  const { rows: audit } = await desk.h.db.query<{ username: string; detail: { deliveryId: number } }>(
    "select username, detail from desk_audit where kind = 'delivery-resend' and campaign_id = $1",
    [id],
  );
  expect(audit).toEqual([{ username: 'office1', detail: { deliveryId: failed.id, channel: 'email' } }]);
  // Tried again (and, still without a mail server, failed again): a second attempt is recorded.
  await eventually(async () => {
    const r = await office.get(`/api/campaigns/${id}/deliveries?status=failed`);
    expect(r.body.items[0].attempts).toBe(2);
  });
  // Only a failed delivery can be resent; an unknown one is not found.
  const sent = await desk.h.db.query("update deliveries set status = 'sent' where id = $1 returning id", [failed.id]);
  expect(sent.rows).toHaveLength(1);
  expect((await office.post(`/api/deliveries/${failed.id}/resend`)).body.error.code).toBe('InvalidState');
  expect((await office.post('/api/deliveries/99999999/resend')).status).toBe(404);
});

test('only the office sees the sending record or resends', async () => {
  for (const username of ['fin1', 'vp1', 'head']) {
    const s = await desk.login(username);
    expect((await s.get(`/api/campaigns/${id}/deliveries`)).status).toBe(403);
    expect((await s.post('/api/deliveries/1/resend')).status).toBe(403);
  }
  expect((await desk.anonymous().get(`/api/campaigns/${id}/deliveries`)).status).toBe(401);
  expect((await office.get(`/api/campaigns/${id}/deliveries?status=lost`)).status).toBe(400);
});
