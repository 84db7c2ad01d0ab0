import { listDeskAudit } from '../../db/queries/list-desk-audit';
import { resolveSession, signIn, signOut, tokenSha256 } from '../../services/auth';
import { migratedPg, TestDb } from '../db/pg';
import { account, auditText, HOUR, MINUTE, T0 } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
  await account(t.db, 'sam', PASSWORD, 'leader');
});
afterAll(async () => t?.close());

const PASSWORD = 'Sessions-are-fun-9';
const open = async (now = T0) => (await signIn(t.db, { username: 'sam', password: PASSWORD, ip: '192.0.2.1', now })).token;
const session = async (token: string) =>
  (await t.db.query<{ last_seen_at: Date; ended_at: Date | null; end_reason: string | null }>(
    'select last_seen_at, ended_at, end_reason from sessions where token_sha256 = $1', [tokenSha256(token)],
  )).rows[0];

test('idle for 30 minutes ends the session; any use before that renews it', async () => {
  const token = await open();
  expect(await resolveSession(t.db, token, T0 + 29 * MINUTE)).toMatchObject({ username: 'sam', role: 'leader' });
  // Used at 29 min: idle time counts from there, so 58 min after sign-in it still lives.
  expect(await resolveSession(t.db, token, T0 + 58 * MINUTE)).not.toBeNull();
  expect(await resolveSession(t.db, token, T0 + 88 * MINUTE)).toBeNull();
  expect(await session(token)).toMatchObject({ end_reason: 'idle', ended_at: new Date(T0 + 88 * MINUTE) });
  // Ended is ended: going back in time does not revive it.
  expect(await resolveSession(t.db, token, T0 + 60 * MINUTE)).toBeNull();
  const [expired] = await listDeskAudit(t.db, { username: 'sam', kind: 'session-expired' });
  expect(expired?.detail).toMatchObject({ reason: 'idle' });
});

test('unused for exactly 30 minutes is expired; one millisecond less is not', async () => {
  const a = await open();
  expect(await resolveSession(t.db, a, T0 + 30 * MINUTE - 1)).not.toBeNull();
  const b = await open();
  expect(await resolveSession(t.db, b, T0 + 30 * MINUTE)).toBeNull();
});

test('last_seen is written at most once a minute', async () => {
  const token = await open();
  await resolveSession(t.db, token, T0 + 30_000);
  expect((await session(token))?.last_seen_at).toEqual(new Date(T0));
  await resolveSession(t.db, token, T0 + MINUTE);
  expect((await session(token))?.last_seen_at).toEqual(new Date(T0 + MINUTE));
  await resolveSession(t.db, token, T0 + MINUTE + 59_000);
  expect((await session(token))?.last_seen_at).toEqual(new Date(T0 + MINUTE));
});

test('a session ends 12 hours after sign-in even when used all the time', async () => {
  const token = await open();
  let now = T0;
  for (; now <= T0 + 12 * HOUR - 20 * MINUTE; now += 20 * MINUTE) expect(await resolveSession(t.db, token, now)).not.toBeNull();
  expect(await resolveSession(t.db, token, T0 + 12 * HOUR - 1)).not.toBeNull();
  expect(await resolveSession(t.db, token, T0 + 12 * HOUR)).toBeNull();
  expect((await session(token))?.end_reason).toBe('absolute');
});

test('sign-out ends the session, once; other sessions of the account stay open', async () => {
  const token = await open();
  const other = await open();
  expect(await signOut(t.db, { token, ip: '192.0.2.9', now: T0 + MINUTE })).toBe(true);
  expect(await resolveSession(t.db, token, T0 + MINUTE)).toBeNull();
  expect(await resolveSession(t.db, other, T0 + MINUTE)).not.toBeNull();
  expect(await signOut(t.db, { token, ip: '192.0.2.9', now: T0 + 2 * MINUTE })).toBe(false);
  expect((await session(token))?.end_reason).toBe('sign-out');
  const outs = await listDeskAudit(t.db, { username: 'sam', kind: 'sign-out' });
  expect(outs).toHaveLength(1);
  expect(outs[0]).toMatchObject({ personId: 'sam', ip: '192.0.2.9' });
  expect(await auditText(t.db)).not.toContain(token);
});

test('missing, malformed and unknown tokens resolve to nobody', async () => {
  for (const token of [undefined, '', 'x', 'a'.repeat(43), `${'a'.repeat(42)}!`, 'a'.repeat(10_000)]) {
    expect(await resolveSession(t.db, token, T0)).toBeNull();
    expect(await signOut(t.db, { token, ip: null, now: T0 })).toBe(false);
  }
});
