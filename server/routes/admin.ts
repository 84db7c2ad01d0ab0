import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccountListSchema, AccountParamsSchema, AccountPatchBodySchema, AccountSchema, CreatedAccountSchema, ImportAccountsBodySchema, ImportAccountsResultSchema,
  NewAccountBodySchema, PasswordResetResultSchema,
} from '../../api/admin';
import { ErrorBodySchema } from '../../api/common';
import { UserError } from '../../domain/errors';
import { type AccountRow, createAccount, importAccountsFromCampaign, listAccounts, updateAccount } from '../../services/accounts';
import { checkContact, contactBody, contactsByPerson, saveContact } from '../../services/contacts';
import { getAccount } from '../../db/queries/get-account';
import { adminResetPassword } from '../../services/auth';
import { audit } from '../audit';
import type { Desk } from '../context';
import { registerImportRoutes } from './admin-imports';
import { accountBody, requireRole } from './admin-views';

// 管理 → 账号: the system administrator's accounts page. Every change is audited with the admin as
// actor; initial passwords are answered once and never logged; hashes never leave the database.
// The person's contacts (email, mobile, chat ids) are edited with the account.

const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const ADMIN = ['admin'] as const;
const WHAT = '账号管理';

/** Contact errors under the account form's `contact.` fields. */
async function asContactFields<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof UserError && e.code === 'InvalidInput') throw new UserError(e.message, e.code, e.fields.map((f) => ({ ...f, path: `contact.${f.path}` })));
    throw e;
  }
}

async function withContact(desk: Desk, a: AccountRow) {
  return accountBody(a, contactBody(a.personId, (await contactsByPerson(desk.db, [a.personId])).get(a.personId)));
}

export function registerAdminRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/admin/accounts', { schema: { tags: ['管理'], summary: '全部账号（系统管理员）', response: { 200: AccountListSchema, 403: ErrorBodySchema } } }, async (req) => {
    requireRole(req, ADMIN, WHAT);
    const accounts = await listAccounts(desk.db);
    const contacts = await contactsByPerson(desk.db, accounts.map((a) => a.personId));
    return { items: accounts.map((a) => accountBody(a, contactBody(a.personId, contacts.get(a.personId)))) };
  });

  r.post(
    '/api/admin/accounts',
    { schema: { tags: ['管理'], summary: '新建账号；不给密码时生成初始密码（只返回这一次）', body: NewAccountBodySchema, response: { 200: CreatedAccountSchema, ...errors } } },
    async (req) => {
      requireRole(req, ADMIN, WHAT);
      const { contact, ...input } = req.body;
      // Checked before the account exists: a refused contact leaves nothing half done.
      if (contact) await asContactFields(() => checkContact(desk.db, input.personId, contact));
      const { account, initialPassword } = await createAccount(desk.db, input, Date.now());
      await audit(desk, req, 'account-created', {}, { account: account.username, personId: account.personId, role: account.role, department: account.department });
      if (contact) {
        const { changed } = await saveContact(desk.db, account.personId, contact, Date.now());
        if (changed.length) await audit(desk, req, 'contact-updated', {}, { personId: account.personId, fields: changed });
      }
      return { account: await withContact(desk, account), initialPassword };
    },
  );

  r.patch(
    '/api/admin/accounts/:username',
    { schema: { tags: ['管理'], summary: '修改账号的姓名、角色、科室或停用', params: AccountParamsSchema, body: AccountPatchBodySchema, response: { 200: AccountSchema, ...errors } } },
    async (req) => {
      const user = requireRole(req, ADMIN, WHAT);
      const { contact, ...patch } = req.body;
      // An administrator who locks themselves out leaves nobody to undo it.
      if (req.params.username === user.username && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
        throw new UserError('不能停用自己的账号，也不能取消自己的系统管理员角色', 'Conflict');
      }
      const current = await getAccount(desk.db, req.params.username);
      if (!current) throw new UserError(`账号不存在：${req.params.username}`, 'NotFound');
      if (contact) await asContactFields(() => checkContact(desk.db, current.personId, contact));
      const changesAccount = Object.values(patch).some((v) => v !== undefined);
      const account = changesAccount ? await updateAccount(desk.db, req.params.username, patch, Date.now()) : current;
      if (changesAccount) await audit(desk, req, 'account-updated', {}, { account: account.username, changes: patch });
      if (contact) {
        const { changed } = await saveContact(desk.db, account.personId, contact, Date.now());
        if (changed.length) await audit(desk, req, 'contact-updated', {}, { personId: account.personId, account: account.username, fields: changed });
      }
      return withContact(desk, account);
    },
  );

  r.post(
    '/api/admin/accounts/:username/reset-password',
    { schema: { tags: ['管理'], summary: '重置密码：生成新的初始密码（只返回这一次），结束该账号的全部会话', params: AccountParamsSchema, response: { 200: PasswordResetResultSchema, ...errors } } },
    async (req) => {
      const user = requireRole(req, ADMIN, WHAT);
      // adminResetPassword writes the audit row itself, with the admin as actor.
      return adminResetPassword(desk.db, { username: req.params.username, actor: { username: user.username, personId: user.personId }, ip: req.ip, now: Date.now() });
    },
  );

  r.post(
    '/api/admin/accounts/import',
    { schema: { tags: ['管理'], summary: '为巡察整改台账中的人员批量建账号（初始密码只返回这一次）', body: ImportAccountsBodySchema, response: { 200: ImportAccountsResultSchema, ...errors } } },
    async (req) => {
      requireRole(req, ADMIN, WHAT);
      const result = await importAccountsFromCampaign(desk.db, req.body.campaignId, { mustChange: true });
      await audit(desk, req, 'accounts-imported', { campaignId: req.body.campaignId }, {
        created: result.created.map((c) => c.account.username),
        skipped: result.skipped.length,
      });
      return { created: result.created.map((c) => ({ account: accountBody(c.account), initialPassword: c.initialPassword })), skipped: result.skipped };
    },
  );

  registerImportRoutes(app, desk);
}
