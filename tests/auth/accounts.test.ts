import { insertCampaign } from '../../db/queries/insert-campaign';
import { createAccount, listAccounts, updateAccount } from '../../services/accounts';
import { resolveSession, signIn } from '../../services/auth';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import { failureOf, MINUTE, T0 } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

describe('createAccount, listAccounts, updateAccount', () => {
  test('creates an account; the name comes from the ledger when left out; a generated password must be changed', async () => {
    await insertCampaign(t.db, smallLedger({ id: 'c-create' }));
    const created = await createAccount(t.db, { username: 'qian', personId: 'fin1', role: 'dept_owner', department: '财务科' }, T0);
    expect(created.account).toMatchObject({ username: 'qian', personId: 'fin1', name: '钱科长', role: 'dept_owner', department: '财务科', mustChangePassword: true, disabled: false });
    expect(created.account.createdAt).toEqual(new Date(T0));
    const s = await signIn(t.db, { username: 'qian', password: created.initialPassword, ip: null, now: T0 });
    expect(s.me.mustChangePassword).toBe(true);
    const listed = await listAccounts(t.db);
    expect(listed.map((a) => a.username)).toContain('qian');
    expect(JSON.stringify(listed)).not.toMatch(/argon2|password_?hash/i);
  });

  test('invalid input is refused with Chinese messages naming the fields', async () => {
    const refused = await failureOf(createAccount(t.db, { username: '张三', personId: 'x', role: 'dept_member', password: 'short' }, T0));
    expect(refused).toMatchObject({ code: 'InvalidInput' });
    expect(refused.fields).toEqual([
      { path: 'username', message: '用户名只能包含字母、数字、点、下划线和连字符，以字母或数字开头，最长 64 位' },
      { path: 'department', message: '科室成员须指定所在科室' },
      { path: 'password', message: '密码至少 8 位' },
      { path: 'password', message: '密码须包含数字' },
    ]);
    expect(await failureOf(createAccount(t.db, { username: 'u1', personId: 'x', role: 'boss' as 'head' }, T0))).toMatchObject({ code: 'InvalidInput' });
    expect(await failureOf(createAccount(t.db, { username: 'u1', personId: 'not-in-any-ledger', role: 'office' }, T0))).toMatchObject({
      code: 'InvalidInput', fields: [{ path: 'name', message: '台账中没有人员 not-in-any-ledger，请填写姓名' }],
    });
    await createAccount(t.db, { username: 'dup', personId: 'p1', name: '甲', role: 'admin' }, T0);
    expect(await failureOf(createAccount(t.db, { username: 'dup', personId: 'p2', name: '乙', role: 'admin' }, T0))).toMatchObject({
      code: 'Conflict', message: '用户名 dup 已被使用',
    });
  });

  test('updateAccount changes role and department at once for open sessions; dept roles need a department', async () => {
    const { initialPassword } = await createAccount(t.db, { username: 'mover', personId: 'p-mover', name: '调岗', role: 'office', password: 'Mover-pass-1', mustChangePassword: false }, T0);
    const { token } = await signIn(t.db, { username: 'mover', password: initialPassword, ip: null, now: T0 });
    expect(await failureOf(updateAccount(t.db, 'mover', { role: 'dept_member' }, T0))).toMatchObject({
      code: 'InvalidInput', fields: [{ path: 'department', message: '科室成员须指定所在科室' }],
    });
    const updated = await updateAccount(t.db, 'mover', { role: 'dept_member', department: '人事科', name: '调岗人员' }, T0 + MINUTE);
    expect(updated).toMatchObject({ role: 'dept_member', department: '人事科', name: '调岗人员', updatedAt: new Date(T0 + MINUTE) });
    expect(await resolveSession(t.db, token, T0 + 2 * MINUTE)).toMatchObject({ role: 'dept_member', department: '人事科', name: '调岗人员' });
    expect(await failureOf(updateAccount(t.db, 'mover', { department: null }, T0))).toMatchObject({ code: 'InvalidInput' });
    expect(await failureOf(updateAccount(t.db, 'mover', { passwordHash: 'x' } as never, T0))).toMatchObject({ code: 'InvalidInput' });
    expect(await failureOf(updateAccount(t.db, 'nobody', { disabled: true }, T0))).toMatchObject({ code: 'NotFound', message: '账号不存在：nobody' });
  });
});
