// Accounts as an administrator manages them: create, list, change, and import from a campaign's
// people. Who may call these is the caller's check (the HTTP layer allows role admin only), and so
// is auditing them. Initial passwords are returned once and stored only as hashes.
import type { Db } from '../db/client';
import { endSessionsOfAccount } from '../db/queries/end-sessions-of-account';
import { type AccountRow, getAccount } from '../db/queries/get-account';
import { getCampaign } from '../db/queries/get-campaign';
import { getPerson } from '../db/queries/get-person';
import { insertAccount } from '../db/queries/insert-account';
import { type CampaignPersonRow, listCampaignPeople } from '../db/queries/list-campaign-people';
import { listAccounts as listAccountRows } from '../db/queries/list-accounts';
import { updateAccount as writeAccount } from '../db/queries/update-account';
import {
  type AccountPatchInput, AccountPatchSchema, type AccountRole, isDepartmentRole, type NewAccount, NewAccountSchema, passwordForUser, ROLE_LABEL,
} from '../domain/accounts';
import { UserError } from '../domain/errors';
import type { LeadingGroup } from '../domain/schemas';
import { userErrorFromZod } from '../domain/schemas';
import { generatePassword, hashPassword } from './passwords';

export type { AccountRow } from '../db/queries/get-account';

/** A new account and the password it was created with: shown to the administrator once. */
export interface CreatedAccount {
  account: AccountRow;
  initialPassword: string;
}

/** Creates one account; throws UserError InvalidInput (fields named) or Conflict (username taken). */
export async function createAccount(db: Db, input: NewAccount, now: number): Promise<CreatedAccount> {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  const a = parsed.data;
  const name = a.name ?? (await getPerson(db, a.personId))?.name;
  if (!name) {
    const message = `台账中没有人员 ${a.personId}，请填写姓名`;
    throw new UserError(message, 'InvalidInput', [{ path: 'name', message }]);
  }
  const initialPassword = a.password ?? generatePassword();
  const account = await insertAccount(db, {
    username: a.username, personId: a.personId, name, role: a.role, department: a.department ?? null,
    passwordHash: await hashPassword(initialPassword), mustChangePassword: a.mustChangePassword, at: new Date(now),
  });
  if (!account) {
    const message = `用户名 ${a.username} 已被使用`;
    throw new UserError(message, 'Conflict', [{ path: 'username', message }]);
  }
  return { account, initialPassword };
}

/** Every account, by username; never a password hash. */
export async function listAccounts(db: Db): Promise<AccountRow[]> {
  return listAccountRows(db);
}

/**
 * Changes name, role, department or the disabled flag. Disabling ends the account's sessions at
 * once; a role or department change applies from the next request (sessions read the account).
 */
export async function updateAccount(db: Db, username: string, patch: AccountPatchInput, now: number): Promise<AccountRow> {
  const parsed = AccountPatchSchema.safeParse(patch);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  const p = parsed.data;
  return db.transaction(async (tx) => {
    const current = await getAccount(tx, username);
    if (!current) throw new UserError(`账号不存在：${username}`, 'NotFound');
    const role = p.role ?? current.role;
    const department = p.department !== undefined ? p.department : current.department;
    if (isDepartmentRole(role) && !department) {
      const message = `${ROLE_LABEL[role]}须指定所在科室`;
      throw new UserError(message, 'InvalidInput', [{ path: 'department', message }]);
    }
    const at = new Date(now);
    const updated = await writeAccount(tx, username, p, at);
    if (!updated) throw new UserError(`账号不存在：${username}`, 'NotFound');
    if (p.disabled) await endSessionsOfAccount(tx, { username, reason: 'disabled', at });
    return updated;
  });
}

/**
 * The role a person of a campaign gets, first rule that applies: the leading group's head → head;
 * its office → office; a deputy or the responsible leader of a problem → leader; a person of a
 * department → dept_owner when they own a problem or are listed first among that department's
 * people left after the rules before, else dept_member. Null when none applies (e.g. a group member with no department).
 */
export function deriveRoles(people: readonly CampaignPersonRow[], group: LeadingGroup): Map<string, AccountRole | null> {
  const roles = new Map<string, AccountRole | null>();
  const firstOfDepartment = new Map<string, string>();
  for (const p of people) {
    const role: AccountRole | null = p.id === group.head ? 'head'
      : group.office.includes(p.id) ? 'office'
      : group.deputies.includes(p.id) || p.leadsProblem ? 'leader'
      : null;
    roles.set(p.id, role);
    // "First listed" among the department's own people: a leader listed there does not count.
    if (!role && p.department && !firstOfDepartment.has(p.department)) firstOfDepartment.set(p.department, p.id);
  }
  for (const p of people) {
    if (roles.get(p.id) || !p.department) continue;
    roles.set(p.id, p.ownsProblem || firstOfDepartment.get(p.department) === p.id ? 'dept_owner' : 'dept_member');
  }
  return roles;
}

export interface ImportResult {
  /** In the ledger's order of people. */
  created: CreatedAccount[];
  /** People given no account: one exists already (under their id or for their person), or no role fits. */
  skipped: { personId: string; reason: 'exists' | 'no-role' }[];
}

/**
 * One account per person of the campaign, named by the person id, with the derived role and the
 * person's department. Existing accounts are left as they are. `password` is a shared initial
 * password; without it each account gets its own generated one.
 */
export async function importAccountsFromCampaign(
  db: Db,
  campaignId: string,
  opts: { password?: string; mustChange: boolean; now?: number },
): Promise<ImportResult> {
  const record = await getCampaign(db, campaignId);
  if (!record) throw new UserError(`巡察整改 ${campaignId} 不存在`, 'NotFound');
  const people = await listCampaignPeople(db, campaignId);
  if (opts.password !== undefined) {
    for (const p of people) {
      const checked = passwordForUser(p.id).safeParse(opts.password);
      if (!checked.success) {
        const fields = checked.error.issues.map((i) => ({ path: 'password', message: i.message }));
        throw new UserError(`初始密码不符合要求：${fields.map((f) => f.message).join('；')}`, 'InvalidInput', fields);
      }
    }
  }
  const roles = deriveRoles(people, record.campaign.leadingGroup);
  const existing = await listAccountRows(db);
  const taken = new Set(existing.flatMap((a) => [a.username, a.personId]));
  const skipped: ImportResult['skipped'] = [];
  const planned: { person: CampaignPersonRow; role: AccountRole; password: string; hash: string }[] = [];
  for (const person of people) {
    const role = roles.get(person.id) ?? null;
    if (taken.has(person.id)) skipped.push({ personId: person.id, reason: 'exists' });
    else if (!role) skipped.push({ personId: person.id, reason: 'no-role' });
    else {
      const password = opts.password ?? generatePassword();
      // A hash per account even for a shared password: each gets its own salt.
      planned.push({ person, role, password, hash: await hashPassword(password) });
    }
  }
  const at = new Date(opts.now ?? Date.now());
  // Hashing is slow, so it happens before the transaction; the inserts are all or nothing.
  const created = await db.transaction(async (tx) => {
    const out: CreatedAccount[] = [];
    for (const { person, role, password, hash } of planned) {
      const account = await insertAccount(tx, {
        username: person.id, personId: person.id, name: person.name, role, department: person.department,
        passwordHash: hash, mustChangePassword: opts.mustChange, at,
      });
      // Created meanwhile by someone else: theirs stands.
      if (account) out.push({ account, initialPassword: password });
      else skipped.push({ personId: person.id, reason: 'exists' });
    }
    return out;
  });
  return { created, skipped };
}
