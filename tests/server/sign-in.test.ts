// Sign-in over HTTP: lockout, idle and absolute expiry, sign-out, the forced password change, the
// per-address rate limit, the gate on every route of the OpenAPI document, cookie flags, security
// headers, and the audit trail, which never holds a password or a token.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminResetPassword, tokenSha256 } from '../../services/auth';
import { evidenceStoreFor } from '../../services/evidence';
import { createLogger } from '../../services/logger';
import { buildServer } from '../../server/app';
import { DeskHarness, deskLedger, PASSWORD, Session } from '../support/desk';
import { uniqueId } from '../support/harness';
import { createAdmin, expectErrorBody } from './helpers';

let desk: DeskHarness;
/** The same desk as production configures it: https cookie, 3 sign-ins a minute, the web pages. */
let prod: FastifyInstance;
let prodUrl: string;
const id = uniqueId('signin');
const secrets = new Set<string>([PASSWORD]);
const tokenOf = (s: Session) => s.cookie.replace(/^rectify_session=/, '');
const at = (route: string) => route.replace('{id}', id).replace('{no}', '1').replace('{sha256}', 'a'.repeat(64)).replace(/\{[^}]+\}/g, 'fin1');

beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  await createAdmin(desk);
  const webRoot = mkdtempSync(path.join(tmpdir(), 'rectify-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><title>整改台账</title></head><body><div id="root"></div></body></html>');
  prod = await buildServer({
    db: desk.h.db, temporal: desk.h.client, evidence: evidenceStoreFor(desk.dataDir), logger: createLogger('silent'),
    config: { maxUploadBytes: 1024 * 1024, secureCookie: true, loginRateLimit: 3, webRoot, taskQueue: desk.h.taskQueue },
  });
  prodUrl = await prod.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await prod?.close();
  await desk?.close();
});

/** Every operation of the OpenAPI document, as [method, path template]. */
async function routes(): Promise<[string, string][]> {
  const doc = (await desk.anonymous().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m): [string, string] => [m.toUpperCase(), p]));
}

test('five wrong passwords lock the account; while locked even the right one is refused', async () => {
  const anon = desk.anonymous();
  for (let i = 1; i <= 4; i++) {
    const r = await anon.post('/api/auth/login', { username: 'vp2', password: `Wrong${i}pass` });
    expect([i, r.status, r.body.error.message]).toEqual([i, 401, '用户名或密码错误']);
    secrets.add(`Wrong${i}pass`);
  }
  const fifth = await anon.post('/api/auth/login', { username: 'vp2', password: 'Wrong5pass' });
  secrets.add('Wrong5pass');
  expect(fifth.status).toBe(423);
  expectErrorBody(fifth, 'Locked');
  expect(fifth.body.error.message).toBe('连续 5 次密码错误，账号已锁定，请 15 分钟后再试');
  const right = await anon.post('/api/auth/login', { username: 'vp2', password: PASSWORD });
  expect(right.status).toBe(423);
  expect(right.body.error.message).toMatch(/^账号已锁定，请 1[45] 分钟后再试$/);
  expect(right.headers.get('set-cookie')).toBeNull();
  const { rows } = await desk.h.db.query('select id from sessions where username = $1', ['vp2']);
  expect(rows).toEqual([]);
});

test('a session idle for 30 minutes, or open for 12 hours, answers 401 and is ended', async () => {
  const expire = async (set: string, reason: string) => {
    const s = await desk.login('hr1');
    secrets.add(tokenOf(s));
    expect((await s.get('/api/auth/me')).status).toBe(200);
    await desk.h.db.query(`update sessions set ${set} where token_sha256 = $1`, [tokenSha256(tokenOf(s))]);
    const r = await s.get(`/api/campaigns/${id}/problems`);
    expect([reason, r.status]).toEqual([reason, 401]);
    expectErrorBody(r, 'Unauthorized');
    const { rows } = await desk.h.db.query('select end_reason from sessions where token_sha256 = $1', [tokenSha256(tokenOf(s))]);
    expect(rows).toEqual([{ end_reason: reason }]);
    // Ended for good: a fresh timestamp does not bring it back.
    await desk.h.db.query('update sessions set last_seen_at = now(), created_at = now() where token_sha256 = $1', [tokenSha256(tokenOf(s))]);
    expect((await s.get('/api/auth/me')).status).toBe(401);
  };
  await expire(`last_seen_at = now() - interval '31 minutes'`, 'idle');
  await expire(`created_at = now() - interval '12 hours 1 minute', last_seen_at = now()`, 'absolute');
  // 29 idle minutes are not 30.
  const s = await desk.login('hr1');
  await desk.h.db.query(`update sessions set last_seen_at = now() - interval '29 minutes' where token_sha256 = $1`, [tokenSha256(tokenOf(s))]);
  expect((await s.get('/api/auth/me')).status).toBe(200);
});

test('sign-out ends the session: the old cookie answers 401 and the cookie is cleared', async () => {
  const s = await desk.login('fin1');
  const copy = new Session(desk.baseUrl);
  copy.cookie = s.cookie;
  secrets.add(tokenOf(s));
  const out = await s.post('/api/auth/logout');
  expect(out.status).toBe(204);
  expect(out.headers.get('set-cookie')).toMatch(/^rectify_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
  const r = await copy.get('/api/auth/me');
  expect(r.status).toBe(401);
  expectErrorBody(r, 'Unauthorized');
});

test('after a reset, nothing but me, sign-out and the password change until a password meeting the policy is chosen', async () => {
  const other = await desk.login('fin2');
  const { initialPassword } = await adminResetPassword(desk.h.db, { username: 'fin2', actor: { username: 'admin', personId: 'admin' }, ip: null, now: Date.now() });
  secrets.add(initialPassword);
  expect((await other.get('/api/auth/me')).status).toBe(401);
  const s = await desk.login('fin2', initialPassword);
  secrets.add(tokenOf(s));
  expect((await s.get('/api/auth/me')).body).toMatchObject({ username: 'fin2', mustChangePassword: true });
  const open = ['POST /api/auth/logout', 'POST /api/auth/password', 'GET /api/auth/me', 'POST /api/auth/login', 'GET /healthz'];
  const gated = (await routes()).filter(([m, p]) => !open.includes(`${m} ${p}`));
  expect(gated.length).toBeGreaterThanOrEqual(30);
  for (const [method, route] of gated) {
    const r = await s.request(method, at(route), method === 'GET' ? undefined : {});
    expect([method, route, r.status, r.body?.error?.code]).toEqual([method, route, 403, 'PasswordChangeRequired']);
  }
  const weak: [string, RegExp][] = [['Short1', /至少 8 位/], ['onlyletters', /数字/], ['1234567890', /字母/], [initialPassword, /相同/]];
  for (const [newPassword, why] of weak) {
    const r = await s.post('/api/auth/password', { currentPassword: initialPassword, newPassword });
    expect([newPassword, r.status]).toEqual([newPassword, 400]);
    expectErrorBody(r, 'InvalidInput');
    expect(r.body.error.fields).toEqual(expect.arrayContaining([{ path: 'newPassword', message: expect.stringMatching(why) }]));
  }
  const changed = await s.post('/api/auth/password', { currentPassword: initialPassword, newPassword: 'Caiwu2026new' });
  secrets.add('Caiwu2026new');
  expect(changed.status).toBe(200);
  expect(changed.body).toEqual({ username: 'fin2', personId: 'fin2', name: '孙会计', role: 'dept_member', department: '财务科', mustChangePassword: false });
  expect((await s.get(`/api/campaigns/${id}/problems`)).status).toBe(200);
  expect((await desk.anonymous().post('/api/auth/login', { username: 'fin2', password: initialPassword })).status).toBe(401);
  expect((await desk.login('fin2', 'Caiwu2026new')).cookie).toMatch(/^rectify_session=/);
});

test('sign-in is rate-limited per address: the 4th attempt within a minute answers 429, even with the right password', async () => {
  const anon = new Session(prodUrl);
  // The first, right, also shows the cookie of a desk served over https.
  const first = await anon.post('/api/auth/login', { username: 'head', password: PASSWORD });
  expect(first.headers.get('set-cookie')!.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
  secrets.add(tokenOf(anon));
  for (let i = 2; i <= 3; i++) expect((await anon.post('/api/auth/login', { username: 'nobody', password: 'Whatever1' })).status).toBe(401);
  const fourth = await anon.post('/api/auth/login', { username: 'office1', password: PASSWORD });
  expect(fourth.status).toBe(429);
  expectErrorBody(fourth, 'RateLimited');
  expect(fourth.body.error.message).toMatch(/^尝试过于频繁，请 \d+ 秒后再试$/);
  expect(fourth.headers.get('set-cookie')).toBeNull();
  // Only sign-in is limited: the same address may still read the public document.
  expect((await anon.get('/api/openapi.json')).status).toBe(200);
});

test('without a session every route of the OpenAPI document answers 401, except sign-in and health', async () => {
  const anon = desk.anonymous();
  const all = await routes();
  expect(all.length).toBeGreaterThanOrEqual(30);
  for (const [method, route] of all) {
    if (route === '/api/auth/login' || route === '/healthz') continue;
    const r = await anon.request(method, at(route), method === 'GET' ? undefined : {});
    expect([method, route, r.status]).toEqual([method, route, 401]);
    expectErrorBody(r, 'Unauthorized');
  }
  expect((await anon.get('/api/openapi.json')).status).toBe(200);
  expect((await anon.get('/healthz')).body).toMatchObject({ status: 'ok' });
  expect((await anon.get('/api/no-such-route')).status).toBe(401);
});

test('the session cookie is HttpOnly, SameSite=Strict, Path=/ (Secure over https: above); no token or hash in a body', async () => {
  const s = new Session(desk.baseUrl);
  const r = await s.post('/api/auth/login', { username: 'office1', password: PASSWORD }, { origin: desk.baseUrl });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^rectify_session=[A-Za-z0-9_-]{43}; /);
  expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  secrets.add(tokenOf(s));
  expect(r.body).toEqual({ user: { username: 'office1', personId: 'office1', name: '周主任', role: 'office', department: null, mustChangePassword: false } });
  const admin = await desk.login('admin');
  for (const url of ['/api/auth/me', '/api/admin/accounts']) {
    const res = await admin.get(url);
    const text = JSON.stringify(res.body);
    expect([url, res.status, text]).toEqual([url, 200, expect.not.stringMatching(/argon2|password_?hash|token/i)]);
  }
});

test('security headers on an API answer, an error and a page', async () => {
  const office = await desk.login('office1');
  const pages = [await office.get('/api/auth/me'), await desk.anonymous().get('/api/campaigns'), await new Session(prodUrl).get('/'), await new Session(prodUrl).get(`/c/${id}/ledger`)];
  expect(pages.map((p) => p.status)).toEqual([200, 401, 200, 200]);
  expect(pages[2]!.headers.get('content-type')).toMatch(/^text\/html/);
  for (const p of pages) {
    const csp = p.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(p.headers.get('x-content-type-options')).toBe('nosniff');
    expect(p.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(p.headers.get('referrer-policy')).toBe('no-referrer');
  }
  expect(pages[2]!.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
});

test('the audit trail has sign-in, failure, lockout, sign-out, expiry, reset, change and actions, and no secret', async () => {
  const fin1 = await desk.login('fin1');
  secrets.add(tokenOf(fin1));
  expect((await fin1.post(`/api/campaigns/${id}/problems/1/actions/claim`)).status).toBe(200);
  expect((await fin1.post(`/api/campaigns/${id}/problems/1/actions/claim`)).status).toBe(409);
  const { rows } = await desk.h.db.query<{ kind: string }>('select * from desk_audit order by id');
  const kinds = new Set(rows.map((r) => r.kind));
  for (const kind of ['sign-in', 'sign-in-failed', 'account-locked', 'sign-out', 'session-expired', 'password-reset', 'password-changed', 'action', 'action-refused']) {
    expect([kind, kinds.has(kind)]).toEqual([kind, true]);
  }
  const text = JSON.stringify(rows);
  // Gathered by the tests above: every password typed and every token handed out.
  expect(secrets.size).toBeGreaterThanOrEqual(5);
  for (const secret of secrets) expect([secret.slice(0, 4), text.includes(secret)]).toEqual([secret.slice(0, 4), false]);
  for (const secret of [...secrets].filter((x) => /^[A-Za-z0-9_-]{43}$/.test(x))) expect(text.includes(tokenSha256(secret))).toBe(false);
  expect(text).not.toMatch(/argon2/);
});
