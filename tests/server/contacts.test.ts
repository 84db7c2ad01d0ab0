// 通知设置 over real HTTP: everyone edits their own contacts and channels, the administrator anyone's
// (also with the account); every change is audited by field name; a ledger loaded again with new
// contacts (desk import and `campaign create --file`) is the same ledger and updates them.
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { buildProgram } from '../../client/cli';
import { Context } from '../../client/context';
import type { Db } from '../../db/client';
import { getContact } from '../../db/queries/get-contact';
import type { CampaignLedger } from '../../domain/schemas';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { uniqueId } from '../support/harness';
import { tempDir } from '../spreadsheet/helpers';
import { addAdmin, form } from './desk-helpers';

const id = uniqueId('contacts');
const ledger = deskLedger(id);
const tmp = tempDir();
let desk: DeskHarness;
let admin: Session, fin1: Session, hr1: Session;
beforeAll(async () => {
  desk = await DeskHarness.start(ledger);
  admin = await addAdmin(desk);
  [fin1, hr1] = [await desk.login('fin1'), await desk.login('hr1')];
});
afterAll(async () => desk?.close());

const auditOf = async (kind: string) =>
  (await desk.h.db.query<{ username: string; detail: Record<string, unknown> }>('select username, detail from desk_audit where kind = $1 order by id', [kind])).rows;
const put = (s: Session, url: string, body: unknown) => s.request('PUT', url, body);
const fieldsOf = (r: { body: { error: { fields: { path: string; message: string }[] } } }) => r.body.error.fields;

test('my contacts: empty at first; set, partly changed (left-out fields kept), defaults explained; audited by field name', async () => {
  expect((await fin1.get('/api/me/contact')).body).toEqual({
    personId: 'fin1', name: '钱科长', email: null, mobile: null, wecomUserId: null, dingtalkUserId: null, feishuOpenId: null,
    channels: null, updatedAt: null, groupRobots: [], defaults: [],
  });
  const set = await put(fin1, '/api/me/contact', { email: ' qian@hospital.cn ', dingtalkUserId: 'manager4521', mobile: '138 0013 8000' });
  expect(set).toMatchObject({ status: 200, body: { email: 'qian@hospital.cn', dingtalkUserId: 'manager4521', mobile: '13800138000', channels: null, defaults: ['email'] } });
  expect(set.body.updatedAt).toEqual(expect.any(String));
  const narrowed = await put(fin1, '/api/me/contact', { channels: ['dingtalk', 'email', 'dingtalk'], mobile: '' });
  expect(narrowed.body).toMatchObject({ email: 'qian@hospital.cn', mobile: null, channels: ['dingtalk', 'email'] });
  // Nothing changed: nothing audited.
  await put(fin1, '/api/me/contact', { email: 'qian@hospital.cn' });
  expect(await auditOf('contact-updated')).toEqual([
    { username: 'fin1', detail: { personId: 'fin1', fields: ['email', 'mobile', 'dingtalkUserId'] } },
    { username: 'fin1', detail: { personId: 'fin1', fields: ['mobile', 'channels'] } },
  ]);
  expect(JSON.stringify(await auditOf('contact-updated'))).not.toContain('qian@hospital.cn');
});

test('validation: each wrong field named with a Chinese message, nothing written', async () => {
  const before = await getContact(desk.h.db, 'hr1');
  const bad = await put(hr1, '/api/me/contact', {
    email: 'wu@', mobile: '12-34', wecomUserId: 'has space', dingtalkUserId: 'x'.repeat(129), feishuOpenId: 42, channels: ['sms'],
  });
  expect(bad.status).toBe(400);
  expect(fieldsOf(bad)).toEqual([
    { path: 'email', message: '邮箱地址格式不正确' },
    { path: 'mobile', message: '手机号格式不正确' },
    { path: 'wecomUserId', message: '企业微信 userid只能包含字母、数字和 . _ - @ :' },
    { path: 'dingtalkUserId', message: '钉钉 userId过长' },
    { path: 'feishuOpenId', message: '飞书 open_id应为文本' },
    { path: 'channels.0', message: '渠道应为 email、wecom、dingtalk、feishu 之一' },
  ]);
  expect(await put(hr1, '/api/me/contact', { pager: '1' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('包含未知字段') } } });
  expect(fieldsOf(await put(hr1, '/api/me/contact', { channels: ['email'] }))).toEqual([{ path: 'channels', message: '选择了电子邮件，请先填写邮箱' }]);
  expect(await getContact(desk.h.db, 'hr1')).toEqual(before);
});

test('who edits whose: oneself only (not the administrator, who receives nothing); the administrator anyone', async () => {
  expect(await hr1.get('/api/admin/contacts/fin1')).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });
  expect(await put(hr1, '/api/admin/contacts/fin1', { email: 'evil@x.cn' })).toMatchObject({ status: 403 });
  for (const u of ['office1', 'head', 'vp1']) expect(await put(await desk.login(u), '/api/admin/contacts/fin1', { email: 'evil@x.cn' })).toMatchObject({ status: 403 });
  expect((await getContact(desk.h.db, 'fin1'))?.email).toBe('qian@hospital.cn');
  expect(await admin.get('/api/me/contact')).toMatchObject({ status: 403 });
  expect(await desk.anonymous().get('/api/me/contact')).toMatchObject({ status: 401 });

  expect((await admin.get('/api/admin/contacts/fin1')).body).toMatchObject({ personId: 'fin1', email: 'qian@hospital.cn', channels: ['dingtalk', 'email'] });
  const r = await put(admin, '/api/admin/contacts/hr1', { email: 'wu@hospital.cn', wecomUserId: 'WuKeZhang' });
  expect(r).toMatchObject({ status: 200, body: { personId: 'hr1', name: '吴科长', email: 'wu@hospital.cn', wecomUserId: 'WuKeZhang' } });
  expect((await hr1.get('/api/me/contact')).body).toMatchObject({ email: 'wu@hospital.cn', wecomUserId: 'WuKeZhang' });
  expect((await auditOf('contact-updated')).at(-1)).toEqual({ username: 'admin', detail: { personId: 'hr1', fields: ['email', 'wecomUserId'] } });
  expect(await admin.get('/api/admin/contacts/nobody')).toMatchObject({ status: 404 });
  expect(await admin.get('/api/admin/contacts/中文')).toMatchObject({ status: 400 });
});

test('with the account: the list shows contacts, create and edit set them (fields under contact.), audited separately', async () => {
  const list = await admin.get('/api/admin/accounts');
  expect(list.body.items.find((a: { username: string }) => a.username === 'hr1').contact).toMatchObject({ personId: 'hr1', email: 'wu@hospital.cn' });
  expect(list.body.items.find((a: { username: string }) => a.username === 'vp2').contact).toMatchObject({ personId: 'vp2', email: null, updatedAt: null });

  const edited = await admin.request('PATCH', '/api/admin/accounts/vp2', { name: '赵副院长', contact: { email: 'zhao@hospital.cn', feishuOpenId: 'ou_zhao' } });
  expect(edited).toMatchObject({ status: 200, body: { username: 'vp2', name: '赵副院长', contact: { email: 'zhao@hospital.cn', feishuOpenId: 'ou_zhao' } } });
  expect((await auditOf('account-updated')).at(-1)).toEqual({ username: 'admin', detail: { account: 'vp2', changes: { name: '赵副院长' } } });
  expect((await auditOf('contact-updated')).at(-1)).toEqual({ username: 'admin', detail: { personId: 'vp2', account: 'vp2', fields: ['email', 'feishuOpenId'] } });
  // Contacts only: the account itself is not touched (no account-updated row).
  const accountRows = (await auditOf('account-updated')).length;
  expect((await admin.request('PATCH', '/api/admin/accounts/vp2', { contact: { mobile: '13900001111' } })).body.contact).toMatchObject({ mobile: '13900001111', email: 'zhao@hospital.cn' });
  expect(await auditOf('account-updated')).toHaveLength(accountRows);

  const bad = await admin.request('PATCH', '/api/admin/accounts/vp2', { name: '改名', contact: { email: 'no' } });
  expect(bad).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'contact.email', message: '邮箱地址格式不正确' }] } } });
  const refused = await admin.request('PATCH', '/api/admin/accounts/vp2', { name: '改名', contact: { email: null, channels: ['email'] } });
  expect(refused).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'contact.channels' }] } } });
  expect((await admin.get('/api/admin/accounts')).body.items.find((a: { username: string }) => a.username === 'vp2').name).toBe('赵副院长');

  const created = await admin.post('/api/admin/accounts', { username: 'audit1', personId: 'audit1', name: '审计员', role: 'office', contact: { email: 'audit@hospital.cn' } });
  expect(created).toMatchObject({ status: 200, body: { account: { username: 'audit1', contact: { personId: 'audit1', email: 'audit@hospital.cn' } } } });
  const refusedNew = await admin.post('/api/admin/accounts', { username: 'audit2', personId: 'audit2', name: '审计员', role: 'office', contact: { channels: ['email'] } });
  expect(refusedNew).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'contact.channels' }] } } });
  expect((await admin.get('/api/admin/accounts')).body.items.map((a: { username: string }) => a.username)).not.toContain('audit2');
});

/** The desk's ledger as a JSON file whose people carry `contact`. */
function jsonWithContacts(name: string, contacts: Record<string, object>): string {
  const file = tmp(name);
  const body: CampaignLedger & { people: object[] } = { ...ledger, people: ledger.people.map((p) => (contacts[p.id] ? { ...p, contact: contacts[p.id] } : p)) };
  writeFileSync(file, JSON.stringify(body));
  return file;
}

test('the same ledger loaded again through the desk with contacts added or changed: accepted as the same, contacts updated', async () => {
  const office = await desk.login('office1');
  const upload = async (file: string, fields: Record<string, string> = {}) => {
    const { readFileSync } = await import('node:fs');
    return office.request('POST', '/api/admin/ledger', form('台账.json', readFileSync(file), fields));
  };
  const file = jsonWithContacts('台账.json', { hr1: { email: 'wu2@hospital.cn' }, fin2: { mobile: '13700001111', wecomUserId: 'SunKuaiJi' } });
  expect((await upload(file, { dryRun: '1' })).body).toMatchObject({ existing: 'same', contacts: 2, contactsUpdated: 0 });
  expect(await getContact(desk.h.db, 'fin2')).toBeNull();
  expect((await upload(file)).body).toMatchObject({ existing: 'same', created: false, started: 0, contacts: 2, contactsUpdated: 2 });
  expect(await getContact(desk.h.db, 'hr1')).toMatchObject({ email: 'wu2@hospital.cn', wecomUserId: 'WuKeZhang' });
  expect(await getContact(desk.h.db, 'fin2')).toMatchObject({ mobile: '13700001111', wecomUserId: 'SunKuaiJi' });
  expect((await upload(file)).body).toMatchObject({ existing: 'same', contactsUpdated: 0 });
  expect((await auditOf('campaign-imported')).at(-2)).toMatchObject({ username: 'office1', detail: { created: false, contactsUpdated: 2 } });
});

test('campaign create --file: the same ledger with changed contacts is accepted and says how many were updated', async () => {
  const h = desk.h;
  class TestContext extends Context {
    override async temporal(): Promise<Client> {
      return h.client;
    }
    override async database(): Promise<Db> {
      return h.db;
    }
    override get taskQueue(): string {
      return h.taskQueue;
    }
  }
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const program: Command = buildProgram(new TestContext(), (s) => out.push(s));
    await program.parseAsync(argv, { from: 'user' });
    return out.join('\n');
  };
  const file = jsonWithContacts('命令行.json', { fin2: { mobile: '13700002222' }, head: { email: 'wang@hospital.cn', channels: ['email'] } });
  expect(await run('campaign', 'create', '--file', file)).toBe(
    `已存在（内容相同）巡察整改 ${id}：德州市妇幼保健院，问题 3 个；新启动工作流 0 个，已在运行 3 个；联系方式更新 2 人`,
  );
  expect(await getContact(h.db, 'head')).toMatchObject({ email: 'wang@hospital.cn', channels: ['email'] });
  expect(await run('campaign', 'create', '--file', file)).toMatch(/联系方式更新 0 人$/);
});
