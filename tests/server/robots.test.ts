// 群机器人 over real HTTP: the administrator and the office set a webhook (and signing secret) per
// department's group and the office's; others 403. The webhook's key and the secret go in and never
// come out — not in a response, an audit row or a log line — and rest encrypted in the database.
import pino from 'pino';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { listRobots } from '../../db/queries/list-robots';
import { loggerOptions } from '../../services/logger';
import { openRobot, openRobotsOfGroup, webhookProblem } from '../../services/robots';
import { SecretBox } from '../../services/secrets';
import { DeskHarness, deskLedger, type Reply, Session, TEST_SECRET_KEY, PASSWORD } from '../support/desk';
import { uniqueId } from '../support/harness';
import { addAdmin } from './desk-helpers';

// Set before the server first reads the environment: this file's desk accepts local robot sinks,
// as the tests and benchmarks of the delivery engine need.
process.env.RECTIFY_ALLOW_LOCAL_ROBOTS = '1';

const id = uniqueId('robots');
const other = uniqueId('robots-b');
const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0n4Xk';
const SECRET = `SEC${'9f8e7d6c5b4a'.repeat(5)}abcd`;
const NEW_TOKEN = 'ffffeeeeddddccccbbbbaaaa9999888877776666555544443333222211110000';
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const SECRETS = [TOKEN, SECRET, NEW_TOKEN, WECOM_KEY, 'SECfeishusecret123'];
const dingtalk = (token: string) => `https://oapi.dingtalk.com/robot/send?access_token=${token}`;

/** Every log line the server writes (level trace), every response body: searched for the secrets at the end. */
const logLines: string[] = [];
const responses: string[] = [];
class RecordingSession extends Session {
  override async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const r = await super.request(method, url, body, headers);
    responses.push(`${method} ${url} ${r.status} ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)} ${JSON.stringify([...r.headers])}`);
    return r;
  }
}

let desk: DeskHarness;
let admin: Session, office: Session;
const login = async (username: string): Promise<Session> => {
  const s = new RecordingSession(desk.baseUrl);
  const r = await s.post('/api/auth/login', { username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return s;
};
beforeAll(async () => {
  const logger = pino(loggerOptions('trace'), { write: (line: string) => void logLines.push(line) });
  desk = await DeskHarness.start(deskLedger(id), {}, { logger });
  await addAdmin(desk);
  [admin, office] = [await login('admin'), await login('office1')];
  // A second campaign: its robots are not the first one's.
  await insertCampaign(desk.h.db, deskLedger(other));
});
afterAll(async () => desk?.close());

const base = `/api/campaigns/${id}/robots`;
const fieldsOf = (r: Reply) => r.body.error.fields as { path: string; message: string }[];
let robotId: number;

test('the office adds a DingTalk robot for 财务科: only a masked hint and hasSecret come back; audited without secrets', async () => {
  const r = await office.post(base, { department: '财务科', provider: 'dingtalk', name: '财务科工作群', webhook: dingtalk(TOKEN), secret: SECRET });
  expect(r.status).toBe(200);
  expect(r.body).toEqual({
    id: expect.any(Number), campaignId: id, department: '财务科', provider: 'dingtalk', name: '财务科工作群',
    webhookHint: 'https://oapi.dingtalk.com/…n4Xk', hasSecret: true, enabled: true, createdAt: expect.any(String), updatedAt: expect.any(String),
  });
  robotId = r.body.id;
  const office2 = await admin.post(base, { department: null, provider: 'wecom', name: '整改办群', webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}` });
  expect(office2.body).toMatchObject({ department: null, provider: 'wecom', hasSecret: false, webhookHint: 'https://qyapi.weixin.qq.com/…5aaa' });
  const lark = await office.post(base, { department: '人事科', provider: 'feishu', name: '人事科', webhook: 'https://open.larksuite.com/open-apis/bot/v2/hook/2b8f-44c1', secret: 'SECfeishusecret123' });
  expect(lark.body).toMatchObject({ provider: 'feishu', hasSecret: true });

  const list = await office.get(base);
  expect(list.body.departments).toEqual(['人事科', '财务科']);
  expect(list.body.items.map((x: { department: string | null; provider: string }) => [x.department, x.provider])).toEqual([[null, 'wecom'], ['人事科', 'feishu'], ['财务科', 'dingtalk']]);
  expect((await admin.get(`/api/campaigns/${other}/robots`)).body.items).toEqual([]);

  const rows = (await desk.h.db.query<{ username: string; campaign_id: string; detail: object }>("select username, campaign_id, detail from desk_audit where kind = 'robot-created' order by id")).rows;
  expect(rows[0]).toEqual({ username: 'office1', campaign_id: id, detail: { robotId, department: '财务科', provider: 'dingtalk', name: '财务科工作群', hasSecret: true, enabled: true } });
});

test('at rest: the robots row holds no plaintext; the right key opens it, another key does not', async () => {
  const { rows } = await desk.h.db.query<Record<string, unknown>>('select * from robots where id = $1', [robotId]);
  const raw = JSON.stringify(rows);
  for (const s of [TOKEN, SECRET, 'oapi.dingtalk.com', 'access_token']) expect(raw).not.toContain(s);
  const row = rows[0]!;
  expect(new SecretBox(TEST_SECRET_KEY).open(String(row.webhook_enc))).toBe(dingtalk(TOKEN));
  expect(new SecretBox(TEST_SECRET_KEY).open(String(row.secret_enc))).toBe(SECRET);
  expect(() => new SecretBox('another-key-of-at-least-32-characters!!').open(String(row.webhook_enc))).toThrow('无法解密');
  // How the sender gets them: the group's enabled robots, unsealed.
  const box = new SecretBox(TEST_SECRET_KEY);
  expect(await openRobotsOfGroup(desk.h.db, box, id, '财务科')).toEqual([expect.objectContaining({ id: robotId, provider: 'dingtalk', webhook: dingtalk(TOKEN), secret: SECRET })]);
  expect((await openRobotsOfGroup(desk.h.db, box, id, null)).map((r) => r.provider)).toEqual(['wecom']);
  const [stored] = await listRobots(desk.h.db, { campaignId: id, department: '财务科' });
  expect(openRobot(box, stored!)).not.toHaveProperty('webhookEnc');
});

test('validation: each field named in Chinese; the webhook must be the provider’s https host; never echoed back', async () => {
  const cases: [object, string, RegExp][] = [
    [{ provider: 'dingtalk', webhook: `http://oapi.dingtalk.com/robot/send?access_token=${TOKEN}` }, 'webhook', /须以 https:\/\/ 开头/],
    [{ provider: 'dingtalk', webhook: `https://evil.example.com/robot/send?access_token=${TOKEN}` }, 'webhook', /钉钉群机器人的 Webhook 地址应为 https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=…/],
    [{ provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send' }, 'webhook', /钉钉群机器人的 Webhook 地址应为/],
    [{ provider: 'wecom', webhook: dingtalk(TOKEN) }, 'webhook', /企业微信群机器人的 Webhook 地址应为 https:\/\/qyapi\.weixin\.qq\.com/],
    [{ provider: 'feishu', webhook: 'https://open.feishu.cn/open-apis/bot/v1/hook/x' }, 'webhook', /飞书群机器人的 Webhook 地址应为/],
    [{ provider: 'feishu', webhook: 'not a url' }, 'webhook', /不是有效的网址/],
    [{ provider: 'wecom', webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`, secret: SECRET }, 'secret', /企业微信群机器人没有加签密钥/],
    [{ provider: 'slack', webhook: dingtalk(TOKEN) }, 'provider', /平台应为 wecom（企业微信）、dingtalk（钉钉）、feishu（飞书）/],
    [{ provider: 'dingtalk', webhook: dingtalk(TOKEN), department: '药剂科' }, 'department', /本巡察整改没有科室「药剂科」/],
    [{ provider: 'dingtalk', webhook: dingtalk(TOKEN), name: ' ' }, 'name', /名称不能为空/],
    [{ provider: 'dingtalk', webhook: dingtalk(TOKEN), secret: 'has space' }, 'secret', /加签密钥不能包含空格/],
  ];
  for (const [body, path, message] of cases) {
    const r = await office.post(base, { department: '人事科', name: '人事科群', ...body });
    expect({ body, status: r.status, fields: fieldsOf(r).map((f) => f.path) }).toEqual({ body, status: 400, fields: [path] });
    expect(fieldsOf(r)[0]!.message).toMatch(message);
  }
  const twice = await office.post(base, { department: '财务科', provider: 'dingtalk', name: '又一个', webhook: dingtalk(NEW_TOKEN) });
  expect(twice).toMatchObject({ status: 409, body: { error: { code: 'Conflict', fields: [{ path: 'provider', message: '财务科群已有钉钉机器人：请修改已有的，或先删除它' }] } } });
  expect(await office.post(`/api/campaigns/no-such/robots`, { department: null, provider: 'dingtalk', name: 'x', webhook: dingtalk(TOKEN) })).toMatchObject({ status: 404 });
});

test('local robot sinks only with RECTIFY_ALLOW_LOCAL_ROBOTS', async () => {
  const local = await office.post(`/api/campaigns/${other}/robots`, { department: '人事科', provider: 'dingtalk', name: '本机', webhook: 'http://127.0.0.1:4567/robot/send?access_token=local' });
  expect(local.body).toMatchObject({ provider: 'dingtalk', webhookHint: 'http://127.0.0.1:4567/…ocal' });
  expect(webhookProblem('dingtalk', 'http://127.0.0.1:4567/robot', { allowLocal: false })).toMatch(/须以 https:\/\/ 开头/);
  expect(webhookProblem('wecom', 'http://localhost:4567/cgi-bin/webhook/send?key=x', { allowLocal: true })).toBeUndefined();
  expect(webhookProblem('feishu', 'http://127.0.0.1:4567/hook', { allowLocal: true })).toBeUndefined();
  expect(webhookProblem('feishu', 'http://10.0.0.1:4567/hook', { allowLocal: true })).toMatch(/须以 https/);
  expect(webhookProblem('dingtalk', 'https://user:pw@oapi.dingtalk.com/robot/send?access_token=x', { allowLocal: false })).toMatch(/不能包含用户名或密码/);
  expect(webhookProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/abc-123', { allowLocal: false })).toBeUndefined();
});

test('change: webhook and secret replaced (write-only), secret removed, disabled; unknown or another campaign’s robot 404', async () => {
  const one = `${base}/${robotId}`;
  const r = await office.request('PATCH', one, { webhook: dingtalk(NEW_TOKEN), name: '财务科群' });
  expect(r.body).toMatchObject({ id: robotId, name: '财务科群', webhookHint: 'https://oapi.dingtalk.com/…0000', hasSecret: true });
  expect((await office.request('PATCH', one, { secret: null, enabled: false })).body).toMatchObject({ hasSecret: false, enabled: false });
  const [row] = await listRobots(desk.h.db, { campaignId: id, department: '财务科' });
  expect(openRobot(new SecretBox(TEST_SECRET_KEY), row!)).toMatchObject({ webhook: dingtalk(NEW_TOKEN), secret: null, enabled: false });
  expect(await openRobotsOfGroup(desk.h.db, new SecretBox(TEST_SECRET_KEY), id, '财务科')).toEqual([]);
  expect((await admin.request('PATCH', one, { secret: SECRET, enabled: true })).body).toMatchObject({ hasSecret: true, enabled: true });

  expect(fieldsOf(await office.request('PATCH', one, { webhook: 'https://example.com/x' }))[0]).toMatchObject({ path: 'webhook' });
  expect(await office.request('PATCH', one, { provider: 'wecom' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('科室和平台不能修改') } } });
  expect(await office.request('PATCH', `${base}/999999`, { enabled: false })).toMatchObject({ status: 404 });
  expect(await office.request('PATCH', `/api/campaigns/${other}/robots/${robotId}`, { enabled: false })).toMatchObject({ status: 404 });
  expect(await office.request('PATCH', `${base}/abc`, { enabled: false })).toMatchObject({ status: 400 });
  const audits = (await desk.h.db.query<{ detail: object }>("select detail from desk_audit where kind = 'robot-updated' order by id")).rows.map((x) => x.detail);
  expect(audits[0]).toEqual({ robotId, department: '财务科', provider: 'dingtalk', changes: ['name', 'webhook'], enabled: true });
  expect(audits[1]).toEqual({ robotId, department: '财务科', provider: 'dingtalk', changes: ['secret', 'enabled'], enabled: false });
});

test('only the administrator and the office: everyone else 403 and nothing changes; signed out 401', async () => {
  for (const u of ['fin1', 'hr1', 'vp1', 'head']) {
    const s = await login(u);
    expect(await s.get(base)).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });
    expect(await s.post(base, { department: '人事科', provider: 'dingtalk', name: 'x', webhook: dingtalk(TOKEN) })).toMatchObject({ status: 403 });
    expect(await s.request('PATCH', `${base}/${robotId}`, { enabled: false })).toMatchObject({ status: 403 });
    expect(await s.request('DELETE', `${base}/${robotId}`)).toMatchObject({ status: 403 });
  }
  expect(await new RecordingSession(desk.baseUrl).get(base)).toMatchObject({ status: 401 });
  expect((await office.get(base)).body.items.find((x: { id: number }) => x.id === robotId)).toMatchObject({ enabled: true, name: '财务科群' });
});

test('delete: 204, gone from the list, audited; again 404', async () => {
  const wecom = (await office.get(base)).body.items.find((x: { provider: string }) => x.provider === 'wecom');
  const r = await admin.request('DELETE', `${base}/${wecom.id}`);
  expect(r.status).toBe(204);
  expect((await office.get(base)).body.items.map((x: { provider: string }) => x.provider)).not.toContain('wecom');
  expect(await admin.request('DELETE', `${base}/${wecom.id}`)).toMatchObject({ status: 404 });
  const { rows } = await desk.h.db.query<{ detail: object }>("select detail from desk_audit where kind = 'robot-deleted'");
  expect(rows).toEqual([{ detail: { robotId: wecom.id, department: null, provider: 'wecom', name: '整改办群' } }]);
});

test('no secret anywhere: not in a response, not in desk_audit, not in a log line', async () => {
  expect(responses.length).toBeGreaterThan(40);
  expect(logLines.length).toBeGreaterThan(40);
  const audit = JSON.stringify((await desk.h.db.query('select * from desk_audit')).rows);
  for (const secret of SECRETS) {
    expect(responses.filter((r) => r.includes(secret))).toEqual([]);
    expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    expect(audit).not.toContain(secret);
  }
  // The logger really captured the robot requests (so the check above means something).
  expect(logLines.some((l) => l.includes(`/api/campaigns/${id}/robots/${robotId}`))).toBe(true);
});
