// Sign-in, sessions and passwords of the desk, below HTTP: the server maps UserError codes to
// statuses and the token to a cookie. Time comes in as `now` (ms) so tests can move the clock.
// No password or token ever goes into an error, a log line or an audit row.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { endSession, type SessionEndReason } from '../db/queries/end-session';
import { endSessionsOfAccount } from '../db/queries/end-sessions-of-account';
import { getAccount } from '../db/queries/get-account';
import { getCredentials } from '../db/queries/get-credentials';
import { getSession, type SessionRow } from '../db/queries/get-session';
import { insertDeskAudit } from '../db/queries/insert-desk-audit';
import { insertSession } from '../db/queries/insert-session';
import { recordSignInFailure } from '../db/queries/record-sign-in-failure';
import { recordSignInSuccess } from '../db/queries/record-sign-in-success';
import { setPassword } from '../db/queries/set-password';
import { touchSession } from '../db/queries/touch-session';
import { AUTH_POLICY, type AuthAuditKind, type Me, PASSWORD_MAX_LENGTH, passwordForUser, UsernameSchema } from '../domain/accounts';
import { UserError } from '../domain/errors';
import { generatePassword, hashPassword, verifyNothing, verifyPassword } from './passwords';

/** Who did something, for the audit trail (an administrator resetting a password). */
export interface Actor {
  username: string;
  personId: string;
}

export interface SignInResult {
  ok: true;
  /** The opaque session token: give it to the client once (cookie); only its SHA-256 is stored. */
  token: string;
  sessionId: number;
  me: Me;
}

/** One message whether the username is unknown or the password wrong: sign-in tells no names. */
export const WRONG_CREDENTIALS = '用户名或密码错误';
const SESSION_GONE = '登录已失效，请重新登录';

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const tokenSha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

const minutesLeft = (until: Date, now: number) => Math.max(1, Math.ceil((until.getTime() - now) / 60_000));
const lockedError = (until: Date, now: number) => new UserError(`账号已锁定，请 ${minutesLeft(until, now)} 分钟后再试`, 'Locked');
const isLocked = (until: Date | null, now: number): until is Date => until !== null && until.getTime() > now;

async function audit(db: Db, kind: AuthAuditKind, who: Actor | null, now: number, ip: string | null, detail: Record<string, unknown> = {}) {
  await insertDeskAudit(db, { at: new Date(now), username: who?.username ?? null, personId: who?.personId ?? null, kind, detail, ip });
}

/** Just the fields of Me, from a row that has more (AccountRow, SessionRow). */
const meOf = ({ username, personId, name, role, department, mustChangePassword }: Me): Me => ({ username, personId, name, role, department, mustChangePassword });

const wrongPassword = (kind: AuthAuditKind) =>
  kind === 'sign-in-failed'
    ? new UserError(WRONG_CREDENTIALS, 'Unauthorized')
    : new UserError('当前密码错误', 'InvalidInput', [{ path: 'currentPassword', message: '当前密码错误' }]);

/**
 * Counts a wrong password and returns the error to throw. The failure that reaches
 * AUTH_POLICY.maxFailures locks the account and is answered Locked. A wrong current password on a
 * password change also ends the account's sessions then: whoever holds that session is guessing.
 * (A wrong sign-in does not, or anyone could sign a person out by guessing five times.)
 */
async function failure(db: Db, who: Actor, kind: AuthAuditKind, now: number, ip: string | null): Promise<UserError> {
  const at = new Date(now);
  const { maxFailures, lockMs } = AUTH_POLICY;
  const counted = await recordSignInFailure(db, { username: who.username, at, maxFailures, lockMs });
  if (!counted) {
    // Another request locked the account after we looked.
    await audit(db, kind, who, now, ip, { reason: 'locked' });
    return lockedError((await getCredentials(db, who.username))?.lockedUntil ?? new Date(now + lockMs), now);
  }
  const until = counted.lockedUntil;
  await audit(db, kind, who, now, ip, { reason: 'wrong-password', failedAttempts: until ? maxFailures : counted.failedAttempts });
  if (!until) return wrongPassword(kind);
  const endedSessions = kind === 'sign-in-failed' ? 0 : await endSessionsOfAccount(db, { username: who.username, reason: 'locked', at });
  await audit(db, 'account-locked', who, now, ip, { until: until.toISOString(), failures: maxFailures, endedSessions });
  return new UserError(`连续 ${maxFailures} 次密码错误，账号已锁定，请 ${minutesLeft(until, now)} 分钟后再试`, 'Locked');
}

/** Checks the password and opens a session; throws UserError 'Unauthorized' or 'Locked'. */
export async function signIn(db: Db, input: { username: string; password: string; ip: string | null; now: number }): Promise<SignInResult> {
  const { now, ip } = input;
  const password = typeof input.password === 'string' ? input.password : '';
  const name = UsernameSchema.safeParse(input.username);
  const cred = name.success ? await getCredentials(db, name.data) : null;
  if (!cred) {
    await verifyNothing(password.slice(0, PASSWORD_MAX_LENGTH));
    await audit(db, 'sign-in-failed', null, now, ip, { reason: 'unknown-user', ...(name.success ? { attemptedUsername: name.data } : {}) });
    throw new UserError(WRONG_CREDENTIALS, 'Unauthorized');
  }
  const who: Actor = { username: cred.username, personId: cred.personId };
  // While locked the password is not even checked: guessing gains nothing and costs no hashing.
  if (isLocked(cred.lockedUntil, now)) {
    await audit(db, 'sign-in-failed', who, now, ip, { reason: 'locked' });
    throw lockedError(cred.lockedUntil, now);
  }
  const ok = password.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(cred.passwordHash, password));
  if (!ok) throw await failure(db, who, 'sign-in-failed', now, ip);
  // Said only to whoever knows the password, so it reveals nothing to a guesser.
  if (cred.disabled) {
    await audit(db, 'sign-in-failed', who, now, ip, { reason: 'disabled' });
    throw new UserError('账号已停用，请联系系统管理员', 'Unauthorized');
  }
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    if (!(await recordSignInSuccess(tx, cred.username, new Date(now)))) {
      const again = await getCredentials(tx, cred.username);
      throw lockedError(again?.lockedUntil ?? new Date(now + AUTH_POLICY.lockMs), now);
    }
    const sessionId = await insertSession(tx, { tokenSha256: tokenSha256(token), username: cred.username, at: new Date(now), ip });
    await audit(tx, 'sign-in', who, now, ip, { sessionId });
    const account = await getAccount(tx, cred.username);
    if (!account) throw new Error('account vanished during sign-in');
    return { ok: true as const, token, sessionId, me: meOf(account) };
  });
}


/** The open, unexpired session of the token, marked used; expired ones are ended on the way. */
async function liveSession(db: Db, token: unknown, now: number): Promise<SessionRow | null> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
  const hash = tokenSha256(token);
  const s = await getSession(db, hash);
  if (!s) return null;
  const expired: SessionEndReason | null = s.disabled ? 'disabled'
    : now - s.createdAt.getTime() >= AUTH_POLICY.sessionAbsoluteMs ? 'absolute'
    : now - s.lastSeenAt.getTime() >= AUTH_POLICY.sessionIdleMs ? 'idle' : null;
  if (expired) {
    if (await endSession(db, hash, expired, new Date(now))) {
      await audit(db, 'session-expired', { username: s.username, personId: s.personId }, now, null, { sessionId: s.id, reason: expired });
    }
    return null;
  }
  // Written at most once a minute, so idle expiry may come up to a minute early: a page view is not a write.
  if (now - s.lastSeenAt.getTime() >= AUTH_POLICY.touchEveryMs) await touchSession(db, s.id, new Date(now));
  return s;
}

/** Who holds this token now; null for a missing, unknown, ended or expired session. */
export async function resolveSession(db: Db, token: string | undefined, now: number): Promise<Me | null> {
  const s = await liveSession(db, token, now);
  return s && meOf(s);
}

/** Ends the token's session; false when it was not open. Harmless to repeat. */
export async function signOut(db: Db, input: { token: string | undefined; ip: string | null; now: number }): Promise<boolean> {
  if (typeof input.token !== 'string' || !TOKEN_PATTERN.test(input.token)) return false;
  const ended = await endSession(db, tokenSha256(input.token), 'sign-out', new Date(input.now));
  if (!ended) return false;
  await audit(db, 'sign-out', ended, input.now, input.ip, { sessionId: ended.id });
  return true;
}

/**
 * The holder of a live session chooses a new password: the current one must be right (a wrong one
 * counts toward the lock), the new one must pass the policy. Clears mustChangePassword and ends the
 * account's other sessions; this one stays open. Returns the updated Me.
 */
export async function changePassword(
  db: Db,
  input: { token: string | undefined; currentPassword: string; newPassword: string; ip: string | null; now: number },
): Promise<Me> {
  const { now, ip } = input;
  const s = await liveSession(db, input.token, now);
  if (!s) throw new UserError(SESSION_GONE, 'Unauthorized');
  const who: Actor = { username: s.username, personId: s.personId };
  const parsed = passwordForUser(s.username).safeParse(input.newPassword);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: 'newPassword', message: i.message }));
    throw new UserError(`新密码不符合要求：${fields.map((f) => f.message).join('；')}`, 'InvalidInput', fields);
  }
  const cred = await getCredentials(db, s.username);
  if (!cred) throw new UserError(SESSION_GONE, 'Unauthorized');
  if (isLocked(cred.lockedUntil, now)) throw lockedError(cred.lockedUntil, now);
  const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
  const ok = current.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(cred.passwordHash, current));
  if (!ok) throw await failure(db, who, 'password-change-failed', now, ip);
  if (input.newPassword === input.currentPassword) {
    throw new UserError('新密码不能与当前密码相同', 'InvalidInput', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setPassword(tx, { username: s.username, passwordHash, mustChangePassword: false, at: new Date(now) });
    const endedSessions = await endSessionsOfAccount(tx, { username: s.username, reason: 'password-changed', at: new Date(now), keepSessionId: s.id });
    await audit(tx, 'password-changed', who, now, ip, { sessionId: s.id, endedSessions });
  });
  return { ...meOf(s), mustChangePassword: false };
}

/**
 * An administrator gives the account a fresh random password, to be changed at the next sign-in;
 * unlocks it and ends its sessions. Returns the password once: it is stored only as a hash.
 * Whether `actor` may do this is the caller's check (the HTTP layer allows role admin only).
 */
export async function adminResetPassword(
  db: Db,
  input: { username: string; actor: Actor | null; ip: string | null; now: number },
): Promise<{ username: string; initialPassword: string }> {
  const account = await getAccount(db, input.username);
  if (!account) throw new UserError(`账号不存在：${input.username}`, 'NotFound');
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const at = new Date(input.now);
  await db.transaction(async (tx) => {
    await setPassword(tx, { username: account.username, passwordHash, mustChangePassword: true, at });
    const endedSessions = await endSessionsOfAccount(tx, { username: account.username, reason: 'password-reset', at });
    await audit(tx, 'password-reset', input.actor, input.now, input.ip, { account: account.username, personId: account.personId, endedSessions });
  });
  return { username: account.username, initialPassword };
}
