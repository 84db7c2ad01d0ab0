import { insertCampaign } from '../../db/queries/insert-campaign';
import { createAccount, deriveRoles, importAccountsFromCampaign, listAccounts } from '../../services/accounts';
import { signIn } from '../../services/auth';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import { failureOf, T0 } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
  await insertCampaign(t.db, ledger('c-import'));
  await insertCampaign(t.db, smallLedger({ id: 'c-small' }));
});
afterAll(async () => t?.close());
// People ids are the same across campaigns, so each test starts with no accounts at all.
beforeEach(async () => {
  await t.db.query('delete from sessions');
  await t.db.query('delete from accounts');
});

/** smallLedger plus a department whose first-listed person sorts last by id, a leader outside the group, and a guest. */
function ledger(id: string) {
  const base = smallLedger({ id });
  return smallLedger({
    id,
    departments: [...base.departments, '信息科'],
    people: [
      ...base.people,
      { id: 'it-zhang', name: '张工', department: '信息科' },
      { id: 'it-an', name: '安工', department: '信息科' },
      { id: 'dean2', name: '钱院长', title: '副院长' },
      { id: 'guest', name: '来宾' },
    ],
    problems: base.problems.map((p) => (p.no === 3 ? { ...p, responsibleLeader: 'dean2' } : p)),
  });
}

describe('importAccountsFromCampaign', () => {
  test('derives each role from the leading group and the problems, in the ledger order of people', async () => {
    const result = await importAccountsFromCampaign(t.db, 'c-import', { mustChange: true, now: T0 });
    expect(result.created.map((c) => [c.account.username, c.account.role, c.account.department])).toEqual([
      ['head', 'head', null],
      ['vp1', 'leader', null],
      ['vp2', 'leader', null],
      ['office1', 'office', null],
      // Owner of problem 1; fin2 owns none and is listed after fin1.
      ['fin1', 'dept_owner', '财务科'],
      ['fin2', 'dept_member', '财务科'],
      ['hr1', 'dept_owner', '人事科'],
      // Nobody in 信息科 owns a problem: the first listed (not the first by id) is the owner.
      ['it-zhang', 'dept_owner', '信息科'],
      ['it-an', 'dept_member', '信息科'],
      // Responsible leader of problem 3 without being a deputy.
      ['dean2', 'leader', null],
    ]);
    expect(result.skipped).toEqual([{ personId: 'guest', reason: 'no-role' }]);
    expect(result.created.every((c) => c.account.personId === c.account.username && c.account.mustChangePassword)).toBe(true);
    expect(result.created.find((c) => c.account.username === 'fin1')?.account.name).toBe('钱科长');
    // Each generated password is different and signs its own account in.
    expect(new Set(result.created.map((c) => c.initialPassword)).size).toBe(result.created.length);
    const hr = result.created.find((c) => c.account.username === 'hr1');
    const s = await signIn(t.db, { username: 'hr1', password: hr?.initialPassword ?? '', ip: null, now: T0 });
    expect(s.me).toEqual({ username: 'hr1', personId: 'hr1', name: '吴科长', role: 'dept_owner', department: '人事科', mustChangePassword: true });
  });

  test('existing accounts (by username or by person) are left unchanged; a shared password is validated and used', async () => {
    const id = 'c-small';
    await createAccount(t.db, { username: 'vp2', personId: 'vp2', name: '赵院长', role: 'admin' }, T0);
    await createAccount(t.db, { username: 'hr-boss', personId: 'hr1', name: '吴科长', role: 'dept_owner', department: '人事科' }, T0);
    expect(await failureOf(importAccountsFromCampaign(t.db, id, { password: 'short', mustChange: true }))).toMatchObject({
      code: 'InvalidInput', message: '初始密码不符合要求：密码至少 8 位；密码须包含数字',
    });
    expect(await failureOf(importAccountsFromCampaign(t.db, id, { password: 'fin1', mustChange: true }))).toMatchObject({ code: 'InvalidInput' });
    const r = await importAccountsFromCampaign(t.db, id, { password: 'Shared-start-1', mustChange: false, now: T0 });
    expect(r.created.map((c) => c.account.username)).toEqual(['head', 'vp1', 'office1', 'fin1', 'fin2']);
    expect(r.created.every((c) => c.initialPassword === 'Shared-start-1' && !c.account.mustChangePassword)).toBe(true);
    expect(r.skipped).toEqual([{ personId: 'vp2', reason: 'exists' }, { personId: 'hr1', reason: 'exists' }]);
    const accounts = await listAccounts(t.db);
    expect(accounts.find((a) => a.username === 'vp2')).toMatchObject({ role: 'admin' });
    expect(accounts.some((a) => a.username === 'hr1')).toBe(false);
    expect((await signIn(t.db, { username: 'fin2', password: 'Shared-start-1', ip: null, now: T0 })).me.mustChangePassword).toBe(false);
    const again = await importAccountsFromCampaign(t.db, id, { mustChange: true, now: T0 });
    expect(again.created).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(Array(7).fill('exists'));
  });

  test('an unknown campaign is NotFound', async () => {
    expect(await failureOf(importAccountsFromCampaign(t.db, 'no-such', { mustChange: true }))).toMatchObject({ code: 'NotFound', message: '巡察整改 no-such 不存在' });
  });
});

test('deriveRoles: the first rule that applies wins (head, office, leader, then department)', () => {
  const person = (id: string, department: string | null, ownsProblem = false, leadsProblem = false) => ({ id, name: id, department, ownsProblem, leadsProblem });
  const roles = deriveRoles(
    [
      person('boss', '党办', true, true), person('clerk', '党办', true), person('deputy', '医务科', true),
      person('member-a', '医务科'), person('member-b', '医务科'), person('nobody', null),
    ],
    { head: 'boss', deputies: ['boss', 'deputy'], office: ['boss', 'clerk'], members: ['nobody'] },
  );
  expect(Object.fromEntries(roles)).toEqual({
    boss: 'head', clerk: 'office', deputy: 'leader',
    // deputy is listed first for 医务科 but is a leader: the first of the department's own people owns it.
    'member-a': 'dept_owner', 'member-b': 'dept_member', nobody: null,
  });
});
