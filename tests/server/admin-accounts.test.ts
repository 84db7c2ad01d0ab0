import { insertCampaign } from '../../db/queries/insert-campaign';
import type { CampaignLedger } from '../../domain/schemas';
import { DeskHarness, deskLedger, PASSWORD, type Session } from '../support/desk';
import { uniqueId } from '../support/harness';
import { addAdmin } from './desk-helpers';

// 管理 → 账号 over real HTTP: only the system administrator manages accounts; every change is
// audited with the admin as actor; initial passwords are answered once; hashes never leave.

let desk: DeskHarness;
const id = uniqueId('accounts');
let admin: Session;
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  admin = await addAdmin(desk);
});
afterAll(async () => desk?.close());

const base = '/api/admin/accounts';
const auditOf = async (kind: string) =>
  (await desk.h.db.query<{ username: string; detail: Record<string, unknown> }>('select username, detail from desk_audit where kind = $1 order by id', [kind])).rows;

test('the list: every account, no password hash anywhere', async () => {
  const r = await admin.get(base);
  expect(r.status).toBe(200);
  expect(r.body.items.map((a: { username: string }) => a.username)).toEqual(['admin', 'fin1', 'fin2', 'head', 'hr1', 'office1', 'vp1', 'vp2']);
  expect(r.body.items.find((a: { username: string }) => a.username === 'fin1')).toMatchObject({ personId: 'fin1', name: '钱科长', role: 'dept_owner', department: '财务科', disabled: false });
  const raw = JSON.stringify(r.body);
  expect(raw).not.toMatch(/argon2|passwordHash|password_hash/i);
});

test('create: the initial password comes back once, must be changed at first sign-in; a taken name 409; bad fields 400', async () => {
  const r = await admin.post(base, { username: 'audit1', personId: 'audit1', name: '审计员', role: 'dept_member', department: '财务科' });
  expect(r.status).toBe(200);
  expect(r.body.account).toMatchObject({ username: 'audit1', role: 'dept_member', department: '财务科', mustChangePassword: true });
  expect(r.body.initialPassword).toMatch(/^\S{8,}$/);
  const first = await desk.login('audit1', r.body.initialPassword);
  expect(await first.get(`/api/campaigns/${id}/problems`)).toMatchObject({ status: 403, body: { error: { code: 'PasswordChangeRequired' } } });
  expect(JSON.stringify(await auditOf('account-created'))).not.toContain(r.body.initialPassword);
  expect(await auditOf('account-created')).toEqual([{ username: 'admin', detail: { account: 'audit1', personId: 'audit1', role: 'dept_member', department: '财务科' } }]);

  const taken = await admin.post(base, { username: 'audit1', personId: 'audit1', name: '审计员', role: 'office' });
  expect(taken).toMatchObject({ status: 409, body: { error: { code: 'Conflict', fields: [{ path: 'username' }] } } });
  const bad = await admin.post(base, { username: '-x', personId: 'p1', role: 'dept_owner', password: 'short' });
  expect(bad.status).toBe(400);
  expect([...new Set(bad.body.error.fields.map((f: { path: string }) => f.path))].sort()).toEqual(['department', 'password', 'username']);
});

test('change: role, department, name; disabling ends the sessions at once; unknown 404; unknown field 400; not oneself', async () => {
  const fin2 = await desk.login('fin2');
  const r = await admin.request('PATCH', `${base}/fin2`, { role: 'dept_owner', name: '孙会计（主管）' });
  expect(r).toMatchObject({ status: 200, body: { username: 'fin2', role: 'dept_owner', name: '孙会计（主管）', department: '财务科' } });
  expect((await fin2.get('/api/auth/me')).body).toMatchObject({ role: 'dept_owner' });
  expect((await admin.request('PATCH', `${base}/fin2`, { disabled: true })).body).toMatchObject({ disabled: true });
  expect(await fin2.get('/api/auth/me')).toMatchObject({ status: 401 });
  await expect(desk.login('fin2')).rejects.toThrow(/401/);
  expect((await auditOf('account-updated')).map((a) => a.detail)).toEqual([
    { account: 'fin2', changes: { role: 'dept_owner', name: '孙会计（主管）' } },
    { account: 'fin2', changes: { disabled: true } },
  ]);

  expect(await admin.request('PATCH', `${base}/nobody`, { disabled: true })).toMatchObject({ status: 404 });
  expect(await admin.request('PATCH', `${base}/fin1`, { password: 'x' })).toMatchObject({ status: 400 });
  expect(await admin.request('PATCH', `${base}/fin1`, { role: 'dept_member', department: null })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'department' }] } } });
  expect(await admin.request('PATCH', `${base}/admin`, { disabled: true })).toMatchObject({ status: 409 });
  expect(await admin.request('PATCH', `${base}/admin`, { role: 'office' })).toMatchObject({ status: 409 });
});

test('reset password: a new initial password once, the old one no longer signs in, the admin is the audited actor', async () => {
  const hr = await desk.login('hr1');
  const r = await admin.post(`${base}/hr1/reset-password`);
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ username: 'hr1', initialPassword: expect.any(String) });
  expect(await hr.get('/api/auth/me')).toMatchObject({ status: 401 });
  await expect(desk.login('hr1', PASSWORD)).rejects.toThrow(/401/);
  expect((await (await desk.login('hr1', r.body.initialPassword)).get('/api/auth/me')).body).toMatchObject({ mustChangePassword: true });
  expect((await auditOf('password-reset')).at(-1)).toMatchObject({ username: 'admin', detail: { account: 'hr1' } });
  expect(await admin.post(`${base}/nobody/reset-password`)).toMatchObject({ status: 404 });
});

test('import from a campaign: accounts for its people with derived roles, existing ones skipped', async () => {
  // A second campaign whose people are new to the desk.
  const renamed = JSON.parse(JSON.stringify(deskLedger(`${id}-b`)).replace(/([:[,])"(head|vp1|vp2|office1|fin1|fin2|hr1)"/g, '$1"$2b"')) as CampaignLedger;
  await insertCampaign(desk.h.db, renamed);
  const r = await admin.post(`${base}/import`, { campaignId: renamed.id });
  expect(r.status).toBe(200);
  const created = r.body.created as { account: { username: string; role: string; mustChangePassword: boolean }; initialPassword: string }[];
  expect(created.map((c) => [c.account.username, c.account.role]).sort()).toEqual([
    ['fin1b', 'dept_owner'], ['fin2b', 'dept_member'], ['headb', 'head'], ['hr1b', 'dept_owner'], ['office1b', 'office'], ['vp1b', 'leader'], ['vp2b', 'leader'],
  ]);
  expect(created.every((c) => c.account.mustChangePassword && c.initialPassword.length >= 8)).toBe(true);
  expect((await admin.post(`${base}/import`, { campaignId: renamed.id })).body).toMatchObject({ created: [], skipped: expect.arrayContaining([{ personId: 'fin1b', reason: 'exists' }]) });
  expect(await admin.post(`${base}/import`, { campaignId: 'no-such' })).toMatchObject({ status: 404 });
  expect(await admin.post(`${base}/import`, { campaignId: '中文' })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'campaignId' }] } } });
  expect((await auditOf('accounts-imported'))[0]).toMatchObject({ username: 'admin', detail: { skipped: 0 } });
});

test('nobody but the administrator: the office and the others 403, before anything changes', async () => {
  for (const u of ['office1', 'head', 'vp1', 'fin1']) {
    const s = await desk.login(u);
    expect(await s.get(base)).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });
    expect(await s.post(base, { username: 'sneaky', personId: 'sneaky', name: 'x', role: 'admin' })).toMatchObject({ status: 403 });
    expect(await s.request('PATCH', `${base}/vp2`, { role: 'head' })).toMatchObject({ status: 403 });
    expect(await s.post(`${base}/vp2/reset-password`)).toMatchObject({ status: 403 });
    expect(await s.post(`${base}/import`, { campaignId: id })).toMatchObject({ status: 403 });
  }
  expect((await admin.get(base)).body.items.find((a: { username: string }) => a.username === 'sneaky')).toBeUndefined();
  expect((await admin.get(base)).body.items.find((a: { username: string }) => a.username === 'vp2')).toMatchObject({ role: 'leader' });
});
