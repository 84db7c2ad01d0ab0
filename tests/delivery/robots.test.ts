import { insertCampaign } from '../../db/queries/insert-campaign';
import { eventually } from '../support/drive';
import { DeliveryHarness, DESK_URL } from '../support/delivery-harness';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// Group robots on the dev server in real time: each provider's sink verifies the signature as the
// provider does and answers in the provider's shapes (HTTP 200 with an error code). Signature and
// address errors are recorded with the answer; rate limits are kept by queueing, and a provider's
// "too fast" is retried until everything has arrived.

let h: DeliveryHarness;
beforeAll(async () => {
  h = await DeliveryHarness.start({ server: 'dev', quietHours: 'off', isWorkingDay: () => true });
});
afterAll(async () => h?.close());

async function campaign(): Promise<string> {
  const ledger = smallLedger({ id: uniqueId('robots') });
  await insertCampaign(h.db, ledger);
  return ledger.id;
}

let seq = 0;
const notice = (campaignId: string, to: { id: string; name: string }[], title = '办公室催办') => ({
  dedupeKey: `action:${++seq}`,
  kind: 'manual-reminder',
  recipients: to,
  title: `问题1${title}`,
  body: '请抓紧推进整改，按时限完成并上传佐证材料。',
});
const FIN = [{ id: 'fin1', name: '钱科长' }, { id: 'fin2', name: '孙会计' }];

test('DingTalk, WeCom and Feishu robots each get one signed markdown post per notice, @mentioning the group members it is for', async () => {
  const c = await campaign();
  await h.contact('fin1', { dingtalk: 'qian-ding', wecom: 'QianKe', feishu: 'ou_qian' });
  await h.contact('fin2', { dingtalk: 'sun-ding' });
  const ding = await h.robot(c, '财务科', 'dingtalk');
  const wecom = await h.robot(c, '财务科', 'wecom');
  const feishu = await h.robot(c, '财务科', 'feishu');
  await h.notify({ campaignId: c, problemNo: 1, workflowId: `rectify/${c}/problem/1`, notifications: [notice(c, FIN)] });

  await eventually(async () => {
    expect(h.robots.posts('dingtalk', ding.token)).toHaveLength(1);
    expect(h.robots.posts('wecom', wecom.token)).toHaveLength(1);
    expect(h.robots.posts('feishu', feishu.token)).toHaveLength(1);
  });
  const [d] = h.robots.posts('dingtalk', ding.token);
  expect(d!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '问题1办公室催办' }, at: { atUserIds: ['qian-ding', 'sun-ding'], isAtAll: false } });
  expect(d!.text).toContain('@qian-ding @sun-ding');
  expect(d!.text).toContain(`[查看问题](${DESK_URL}/c/${c}/problems/1)`);
  const [w] = h.robots.posts('wecom', wecom.token);
  // fin2 has no WeCom id: named in the text instead.
  expect(w!.text).toContain('<@QianKe> @孙会计');
  const [f] = h.robots.posts('feishu', feishu.token);
  expect(f!.text).toContain('<at id=ou_qian></at>');
  expect(f!.body).toMatchObject({ msg_type: 'interactive', card: { header: { title: { content: '问题1办公室催办' } } } });
  const keys = new Set([d!.key, w!.key, f!.key]);
  expect(keys.size).toBe(3);
  const rows = await eventually(async () => {
    const r = await h.deliveries('d.campaign_id = $1', [c]);
    expect(r.every((x) => x.status === 'sent')).toBe(true);
    return r;
  });
  // Two recipients × three robots: six deliveries, three posts.
  expect(rows).toHaveLength(6);
  expect(h.robots.refused.filter((r) => [ding.token, wecom.token, feishu.token].includes(r.token))).toEqual([]);
});

test('a signature error (DingTalk 310000, Feishu 19021) and an unknown WeCom key (93000) are recorded failed with the answer; email still goes', async () => {
  const c = await campaign();
  await h.contact('hr1', { email: 'wu.kezhang@hospital.test', dingtalk: 'wu-ding', feishu: 'ou_wu' });
  await h.robot(c, '人事科', 'dingtalk', { sinkSecret: 'SECsomethingelse' });
  await h.robot(c, '人事科', 'feishu', { sinkSecret: 'othersecret' });
  const wecom = await h.robot(c, '人事科', 'wecom');
  // The sink forgets the key: as if the robot had been removed from the group.
  await h.db.query('update robots set webhook_enc = $2 where id = $1', [wecom.id, h.box.seal(h.robots.webhookOf('wecom', 'removed-key'))]);
  await h.notify({ campaignId: c, problemNo: 2, workflowId: `rectify/${c}/problem/2`, notifications: [notice(c, [{ id: 'hr1', name: '吴科长' }])] });

  const rows = await eventually(async () => {
    const r = await h.deliveries('d.campaign_id = $1', [c]);
    expect(r).toHaveLength(4);
    expect(r.every((x) => x.status === 'sent' || x.status === 'failed')).toBe(true);
    return r;
  });
  const by = Object.fromEntries(rows.map((r) => [r.channel, r]));
  expect(by.email!.status).toBe('sent');
  expect(by.dingtalk).toMatchObject({ status: 'failed', attempts: 1, answer: { errcode: 310000 } });
  expect(by.dingtalk!.last_error).toContain('签名错误');
  expect(by.feishu).toMatchObject({ status: 'failed', attempts: 1, answer: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } });
  expect(by.feishu!.last_error).toContain('签名错误');
  expect(by.wecom).toMatchObject({ status: 'failed', answer: { errcode: 93000 } });
  expect(by.wecom!.last_error).toContain('机器人地址无效');
  expect(h.smtp.to('wu.kezhang@hospital.test')).toHaveLength(1);
});

test('25 posts due at once: never more than 20 a minute reach DingTalk, none is lost; a provider’s "too fast" (WeCom 45009) is retried until all arrive', async () => {
  const c = await campaign();
  await h.contact('fin1', { channels: ['dingtalk'], dingtalk: 'qian-ding' });
  await h.contact('hr1', { channels: ['wecom'], wecom: 'WuKe' });
  const ding = await h.robot(c, '财务科', 'dingtalk');
  // A WeCom group whose robot is busier than we know (other systems post there too): 3 per 5 s.
  const wecom = await h.robot(c, '人事科', 'wecom', { limits: [{ max: 3, perMs: 5_000 }] });
  await h.notify({ campaignId: c, problemNo: 1, workflowId: `rectify/${c}/problem/1`, notifications: Array.from({ length: 25 }, () => notice(c, [FIN[0]!])) });
  await h.notify({ campaignId: c, problemNo: 2, workflowId: `rectify/${c}/problem/2`, notifications: Array.from({ length: 6 }, () => notice(c, [{ id: 'hr1', name: '吴科长' }])) });

  await eventually(async () => expect(h.robots.posts('dingtalk', ding.token)).toHaveLength(20), 20_000);
  await eventually(async () => expect(h.robots.posts('wecom', wecom.token)).toHaveLength(6), 90_000);
  await eventually(async () => expect(h.robots.posts('dingtalk', ding.token)).toHaveLength(25), 90_000);

  const posts = h.robots.posts('dingtalk', ding.token);
  for (const p of posts) expect(posts.filter((q) => q.at > p.at - 60_000 && q.at <= p.at).length).toBeLessThanOrEqual(20);
  expect(posts[20]!.at - posts[0]!.at).toBeGreaterThanOrEqual(60_000);
  // Paced by the dispatcher: DingTalk never had to refuse one.
  expect(h.robots.refused.filter((r) => r.token === ding.token)).toEqual([]);
  expect(new Set(posts.map((p) => p.key)).size).toBe(25);
  // WeCom refused some with its real error code; every one arrived once in the end.
  expect(h.robots.refused.filter((r) => r.token === wecom.token).map((r) => r.code)).toContain(45009);
  expect(new Set(h.robots.posts('wecom', wecom.token).map((p) => p.key)).size).toBe(6);
  const rows = await eventually(async () => {
    const r = await h.deliveries('d.campaign_id = $1', [c]);
    expect(r.filter((x) => x.status === 'sent')).toHaveLength(31);
    return r;
  });
  expect(rows.some((r) => r.channel === 'wecom' && r.attempts > 1)).toBe(true);
}, 180_000);
