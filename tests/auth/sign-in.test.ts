import { listDeskAudit } from '../../db/queries/list-desk-audit';
import { AUTH_POLICY } from '../../domain/accounts';
import { UserError } from '../../domain/errors';
import { updateAccount } from '../../services/accounts';
import { resolveSession, signIn, WRONG_CREDENTIALS } from '../../services/auth';
import { migratedPg, TestDb } from '../db/pg';
import { account, auditText, failureOf, MINUTE, T0 } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

const PASSWORD = 'Correct-horse-42';
const WRONG = 'Wrong-guess-77';
const attempt = (username: string, password: string, now: number) => signIn(t.db, { username, password, ip: '10.0.0.7', now });

test('a correct password opens a session whose token resolves to Me; only its SHA-256 is stored', async () => {
  await account(t.db, 'alice', PASSWORD, 'dept_owner', '财务科');
  const r = await attempt('alice', PASSWORD, T0);
  expect(r.ok).toBe(true);
  expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(r.me).toEqual({ username: 'alice', personId: 'alice', name: '用户alice', role: 'dept_owner', department: '财务科', mustChangePassword: false });
  expect(await resolveSession(t.db, r.token, T0 + MINUTE)).toEqual(r.me);
  const { rows } = await t.db.query<Record<string, unknown>>('select * from sessions where id = $1', [r.sessionId]);
  expect(JSON.stringify(rows)).not.toContain(r.token);
  expect(rows[0]?.token_sha256).toMatch(/^[0-9a-f]{64}$/);
  const [last] = await listDeskAudit(t.db, { username: 'alice' });
  expect(last).toMatchObject({ kind: 'sign-in', personId: 'alice', ip: '10.0.0.7', detail: { sessionId: r.sessionId } });
  expect(last?.at.getTime()).toBe(T0);
});

test('unknown user and wrong password get the same Unauthorized message', async () => {
  await account(t.db, 'bob', PASSWORD);
  const unknown = await failureOf(attempt('nobody', PASSWORD, T0));
  const wrong = await failureOf(attempt('bob', WRONG, T0));
  expect(unknown).toBeInstanceOf(UserError);
  expect([unknown.code, unknown.message]).toEqual(['Unauthorized', WRONG_CREDENTIALS]);
  expect([wrong.code, wrong.message]).toEqual(['Unauthorized', WRONG_CREDENTIALS]);
  expect(WRONG_CREDENTIALS).toBe('用户名或密码错误');
  const odd = await failureOf(attempt('  <script>', PASSWORD, T0));
  expect([odd.code, odd.message]).toEqual(['Unauthorized', WRONG_CREDENTIALS]);
  const rows = await listDeskAudit(t.db, { kind: 'sign-in-failed' });
  expect(rows.find((r) => r.detail.reason === 'unknown-user' && r.detail.attemptedUsername === 'nobody')).toMatchObject({ username: null, personId: null });
  expect(rows.find((r) => r.username === 'bob')).toMatchObject({ detail: { reason: 'wrong-password', failedAttempts: 1 } });
});

test('the 5th failure locks for 15 minutes; a correct password is refused while locked; then it works and the count restarts', async () => {
  await account(t.db, 'carol', PASSWORD);
  for (let i = 1; i <= 4; i++) expect((await failureOf(attempt('carol', WRONG, T0 + i * 1000))).code).toBe('Unauthorized');
  const fifth = await failureOf(attempt('carol', WRONG, T0 + 5000));
  expect([fifth.code, fifth.message]).toEqual(['Locked', '连续 5 次密码错误，账号已锁定，请 15 分钟后再试']);
  const lockedAt = T0 + 5000;

  const whileLocked = await failureOf(attempt('carol', PASSWORD, lockedAt + 10 * MINUTE));
  expect([whileLocked.code, whileLocked.message]).toEqual(['Locked', '账号已锁定，请 5 分钟后再试']);
  expect((await failureOf(attempt('carol', PASSWORD, lockedAt + AUTH_POLICY.lockMs - 1))).message).toBe('账号已锁定，请 1 分钟后再试');

  // After the lock, 4 more failures do not lock (the count restarted), a success resets it again.
  for (let i = 1; i <= 4; i++) expect((await failureOf(attempt('carol', WRONG, lockedAt + AUTH_POLICY.lockMs + i))).code).toBe('Unauthorized');
  const after = lockedAt + AUTH_POLICY.lockMs + 10;
  expect((await attempt('carol', PASSWORD, after)).ok).toBe(true);
  for (let i = 1; i <= 4; i++) expect((await failureOf(attempt('carol', WRONG, after + i))).code).toBe('Unauthorized');
  expect((await attempt('carol', PASSWORD, after + 10)).ok).toBe(true);

  const kinds = (await listDeskAudit(t.db, { username: 'carol' })).reverse().map((r) => `${r.kind}:${String(r.detail.reason ?? '')}`);
  expect(kinds).toEqual([
    ...Array(5).fill('sign-in-failed:wrong-password'), 'account-locked:', 'sign-in-failed:locked', 'sign-in-failed:locked',
    ...Array(4).fill('sign-in-failed:wrong-password'), 'sign-in:', ...Array(4).fill('sign-in-failed:wrong-password'), 'sign-in:',
  ]);
  const [lock] = await listDeskAudit(t.db, { username: 'carol', kind: 'account-locked' });
  expect(lock?.detail).toEqual({ until: new Date(lockedAt + AUTH_POLICY.lockMs).toISOString(), failures: 5, endedSessions: 0 });
});

test('failures of one account never lock another', async () => {
  await account(t.db, 'dave', PASSWORD);
  await account(t.db, 'erin', PASSWORD);
  for (let i = 0; i < 5; i++) await failureOf(attempt('dave', WRONG, T0 + i));
  expect((await failureOf(attempt('dave', PASSWORD, T0 + 10))).code).toBe('Locked');
  expect((await attempt('erin', PASSWORD, T0 + 10)).ok).toBe(true);
});

test('a disabled account cannot sign in, and its open sessions end', async () => {
  await account(t.db, 'frank', PASSWORD);
  const open = await attempt('frank', PASSWORD, T0);
  await updateAccount(t.db, 'frank', { disabled: true }, T0 + MINUTE);
  expect(await resolveSession(t.db, open.token, T0 + 2 * MINUTE)).toBeNull();
  const refused = await failureOf(attempt('frank', PASSWORD, T0 + 2 * MINUTE));
  expect([refused.code, refused.message]).toEqual(['Unauthorized', '账号已停用，请联系系统管理员']);
  // A wrong password still gets the same answer as for anyone.
  expect((await failureOf(attempt('frank', WRONG, T0 + 3 * MINUTE))).message).toBe(WRONG_CREDENTIALS);
  await updateAccount(t.db, 'frank', { disabled: false }, T0 + 4 * MINUTE);
  expect((await attempt('frank', PASSWORD, T0 + 5 * MINUTE)).ok).toBe(true);
});

test('no password or token appears in any audit row or error message', async () => {
  await account(t.db, 'grace', PASSWORD);
  const s = await attempt('grace', PASSWORD, T0);
  const errors = [await failureOf(attempt('grace', WRONG, T0)), await failureOf(attempt('nobody2', WRONG, T0))];
  for (let i = 0; i < 4; i++) errors.push(await failureOf(attempt('grace', WRONG, T0 + i)));
  errors.push(await failureOf(attempt('grace', PASSWORD, T0 + 10)));
  const text = await auditText(t.db);
  for (const secret of [PASSWORD, WRONG, s.token]) {
    expect(text).not.toContain(secret);
    for (const e of errors) expect(JSON.stringify({ message: e.message, fields: e.fields, code: e.code })).not.toContain(secret);
  }
  expect(errors.map((e) => e.code)).toEqual(['Unauthorized', 'Unauthorized', 'Unauthorized', 'Unauthorized', 'Unauthorized', 'Locked', 'Locked']);
});
