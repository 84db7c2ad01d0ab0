import { parseOptions } from '@node-rs/argon2';
import { listDeskAudit } from '../../db/queries/list-desk-audit';
import { PasswordSchema, passwordForUser } from '../../domain/accounts';
import { createAccount } from '../../services/accounts';
import { adminResetPassword, changePassword, resolveSession, signIn } from '../../services/auth';
import { generatePassword, hashPassword, verifyPassword } from '../../services/passwords';
import { migratedPg, TestDb } from '../db/pg';
import { account, auditText, failureOf, MINUTE, T0 } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

const messages = (p: string, username?: string) => {
  const r = (username === undefined ? PasswordSchema : passwordForUser(username)).safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('hashing and policy', () => {
  test('hashes are argon2id PHC strings with a fresh salt each time, and verify accepts only the password', async () => {
    const a = await hashPassword('Secret-pass-1');
    const b = await hashPassword('Secret-pass-1');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(a)).toMatchObject({ algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(a).not.toBe(b);
    expect(a).not.toContain('Secret-pass-1');
    expect(await verifyPassword(a, 'Secret-pass-1')).toBe(true);
    expect(await verifyPassword(b, 'Secret-pass-1')).toBe(true);
    expect(await verifyPassword(a, 'secret-pass-1')).toBe(false);
    expect(await verifyPassword('not a hash', 'Secret-pass-1')).toBe(false);
  });

  test('the password policy answers in Chinese', () => {
    expect(messages('abc1')).toEqual(['密码至少 8 位']);
    expect(messages('abcdefgh')).toEqual(['密码须包含数字']);
    expect(messages('12345678')).toEqual(['密码须包含英文字母']);
    expect(messages('a1'.repeat(65))).toEqual(['密码最多 128 位']);
    expect(messages('zhang3san', 'zhang3san')).toEqual(['密码不能与用户名相同']);
    expect(messages('Zhang3San', 'zhang3san')).toEqual(['密码不能与用户名相同']);
    expect(messages('zhang3san9', 'zhang3san')).toEqual([]);
    expect(messages('长城长城长城长城1')).toEqual(['密码须包含英文字母']);
  });

  test('generated passwords pass the policy and differ', () => {
    const many = Array.from({ length: 200 }, () => generatePassword());
    for (const p of many) expect(PasswordSchema.safeParse(p).success).toBe(true);
    expect(many.every((p) => p.length === 12 && !/[0O1lI]/.test(p))).toBe(true);
    expect(new Set(many).size).toBe(many.length);
  });
});

describe('changing and resetting passwords', () => {
  const signInAs = (username: string, password: string, now = T0) => signIn(t.db, { username, password, ip: '198.51.100.4', now });

  test('an initial password must be changed: the flag is set, and changePassword clears it and ends the other sessions', async () => {
    const { initialPassword } = await createAccount(t.db, { username: 'wang', personId: 'p-wang', name: '王五', role: 'office' }, T0);
    const first = await signInAs('wang', initialPassword);
    expect(first.me.mustChangePassword).toBe(true);
    const second = await signInAs('wang', initialPassword);
    const me = await changePassword(t.db, { token: first.token, currentPassword: initialPassword, newPassword: 'Brand-new-2025', ip: '198.51.100.4', now: T0 + MINUTE });
    expect(me).toEqual({ ...first.me, mustChangePassword: false });
    expect(await resolveSession(t.db, first.token, T0 + 2 * MINUTE)).toEqual(me);
    expect(await resolveSession(t.db, second.token, T0 + 2 * MINUTE)).toBeNull();
    expect((await failureOf(signInAs('wang', initialPassword, T0 + 3 * MINUTE))).code).toBe('Unauthorized');
    expect((await signInAs('wang', 'Brand-new-2025', T0 + 3 * MINUTE)).me.mustChangePassword).toBe(false);
    const [changed] = await listDeskAudit(t.db, { username: 'wang', kind: 'password-changed' });
    expect(changed).toMatchObject({ personId: 'p-wang', ip: '198.51.100.4', detail: { sessionId: first.sessionId, endedSessions: 1 } });
    const text = await auditText(t.db);
    for (const secret of [initialPassword, 'Brand-new-2025', first.token, second.token]) expect(text).not.toContain(secret);
  });

  test('a wrong current password, a weak or unchanged new one are refused with the field named, and nothing changes', async () => {
    await account(t.db, 'li', 'Li-password-1');
    const { token } = await signInAs('li', 'Li-password-1');
    const change = (currentPassword: string, newPassword: string) =>
      failureOf(changePassword(t.db, { token, currentPassword, newPassword, ip: null, now: T0 + MINUTE }));
    expect(await change('Not-my-pass-1', 'Good-new-pass-2')).toMatchObject({
      code: 'InvalidInput', message: '当前密码错误', fields: [{ path: 'currentPassword', message: '当前密码错误' }],
    });
    expect(await change('Li-password-1', 'short1')).toMatchObject({
      code: 'InvalidInput', message: '新密码不符合要求：密码至少 8 位', fields: [{ path: 'newPassword', message: '密码至少 8 位' }],
    });
    expect((await change('Li-password-1', 'li')).fields).toEqual([
      { path: 'newPassword', message: '密码至少 8 位' }, { path: 'newPassword', message: '密码须包含数字' }, { path: 'newPassword', message: '密码不能与用户名相同' },
    ]);
    expect(await change('Li-password-1', 'Li-password-1')).toMatchObject({ code: 'InvalidInput', message: '新密码不能与当前密码相同' });
    expect((await signInAs('li', 'Li-password-1', T0 + 2 * MINUTE)).ok).toBe(true);
    const errors = JSON.stringify([await change('Not-my-pass-1', 'Good-new-pass-2'), await change('Li-password-1', 'short1')].map((e) => [e.message, e.fields]));
    for (const secret of ['Not-my-pass-1', 'Good-new-pass-2', 'Li-password-1', 'short1', token]) expect(errors).not.toContain(secret);
  });

  test('guessing the current password through a session locks the account and ends its sessions', async () => {
    await account(t.db, 'zhao', 'Zhao-password-1');
    const { token } = await signInAs('zhao', 'Zhao-password-1');
    for (let i = 1; i <= 4; i++) {
      expect((await failureOf(changePassword(t.db, { token, currentPassword: `Guess-${i}-x`, newPassword: 'Other-pass-9', ip: null, now: T0 + i }))).code).toBe('InvalidInput');
    }
    const fifth = await failureOf(changePassword(t.db, { token, currentPassword: 'Guess-5-x', newPassword: 'Other-pass-9', ip: null, now: T0 + 5 }));
    expect(fifth.code).toBe('Locked');
    expect(await resolveSession(t.db, token, T0 + 6)).toBeNull();
    expect((await failureOf(signInAs('zhao', 'Zhao-password-1', T0 + MINUTE))).code).toBe('Locked');
    const [lock] = await listDeskAudit(t.db, { username: 'zhao', kind: 'account-locked' });
    expect(lock?.detail).toMatchObject({ endedSessions: 1 });
  });

  test('an admin reset gives a generated password to change at sign-in, unlocks the account and ends its sessions', async () => {
    await account(t.db, 'zhou', 'Zhou-password-1', 'dept_member', '财务科');
    const { token } = await signInAs('zhou', 'Zhou-password-1');
    for (let i = 0; i < 5; i++) await failureOf(signInAs('zhou', 'Wrong-pass-0', T0 + i));
    const admin = { username: 'root', personId: 'p-root' };
    const reset = await adminResetPassword(t.db, { username: 'zhou', actor: admin, ip: '203.0.113.5', now: T0 + MINUTE });
    expect(reset.username).toBe('zhou');
    expect(PasswordSchema.safeParse(reset.initialPassword).success).toBe(true);
    expect(await resolveSession(t.db, token, T0 + MINUTE)).toBeNull();
    expect((await failureOf(signInAs('zhou', 'Zhou-password-1', T0 + 2 * MINUTE))).code).toBe('Unauthorized');
    const again = await signInAs('zhou', reset.initialPassword, T0 + 2 * MINUTE);
    expect(again.me.mustChangePassword).toBe(true);
    await changePassword(t.db, { token: again.token, currentPassword: reset.initialPassword, newPassword: 'Zhou-mine-2', ip: null, now: T0 + 3 * MINUTE });
    expect((await resolveSession(t.db, again.token, T0 + 4 * MINUTE))?.mustChangePassword).toBe(false);
    const [row] = await listDeskAudit(t.db, { kind: 'password-reset' });
    expect(row).toMatchObject({ username: 'root', personId: 'p-root', ip: '203.0.113.5', detail: { account: 'zhou', personId: 'zhou', endedSessions: 1 } });
    expect(await auditText(t.db)).not.toContain(reset.initialPassword);
    expect(await failureOf(adminResetPassword(t.db, { username: 'ghost', actor: admin, ip: null, now: T0 }))).toMatchObject({ code: 'NotFound', message: '账号不存在：ghost' });
  });
});
