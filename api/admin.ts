import { z } from 'zod';
import { MeSchema } from './auth';
import { AccountPatchSchema, NewAccountSchema, UsernameSchema } from '../domain/accounts';
import { ContactInputSchema } from '../domain/contact-forms';
import { ContactBodySchema } from './contacts';
import { dateString, idString } from '../domain/schemas';

// 管理: loading ledgers and published reports, and the accounts. Initial passwords appear in a
// response exactly once (creation, reset, import); no response ever carries a password hash.

const flag = (label: string) =>
  z
    .enum(['1', '0', 'true', 'false', ''], { errorMap: () => ({ message: `${label}应为 1 或 0` }) })
    .optional()
    .transform((v) => v === '1' || v === 'true');

// ---- accounts ----------------------------------------------------------------------------------

export const AccountSchema = MeSchema.extend({
  disabled: z.boolean(),
  failedAttempts: z.number(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  contact: ContactBodySchema.optional().describe('此人的联系方式（账号列表、新建、修改时返回）'),
});
export type AccountBody = z.infer<typeof AccountSchema>;

export const AccountListSchema = z.object({ items: z.array(AccountSchema) });
export const AccountParamsSchema = z.object({ username: UsernameSchema });

/**
 * The domain's rules (department for department roles, the password policy when one is given);
 * `contact` sets the person's contacts with the account (fields left out are kept, null clears).
 */
export const NewAccountBodySchema = NewAccountSchema.and(z.object({ contact: ContactInputSchema.optional() }));
export type NewAccountBody = z.input<typeof NewAccountBodySchema>;
export const AccountPatchBodySchema = AccountPatchSchema.extend({ contact: ContactInputSchema.optional() });
export type AccountPatchBody = z.input<typeof AccountPatchBodySchema>;

export const CreatedAccountSchema = z.object({
  account: AccountSchema,
  initialPassword: z.string().describe('初始密码：只在此时显示一次'),
});
export const PasswordResetResultSchema = z.object({ username: z.string(), initialPassword: z.string().describe('新的初始密码：只显示一次，首次登录须修改') });

export const ImportAccountsBodySchema = z.object({ campaignId: idString }).strict('包含未知字段');
export const ImportAccountsResultSchema = z.object({
  created: z.array(CreatedAccountSchema),
  skipped: z.array(z.object({ personId: z.string(), reason: z.enum(['exists', 'no-role']) })).describe('已有账号或没有合适角色的人员'),
});
export type ImportAccountsResult = z.infer<typeof ImportAccountsResultSchema>;

// ---- POST /api/admin/ledger (multipart: file + fields) -----------------------------------------

export const LedgerImportFieldsSchema = z
  .object({
    dryRun: flag('dryRun'),
    importAccounts: flag('importAccounts'),
  })
  .strict('包含未知字段');

const LedgerSummary = z.object({
  campaignId: z.string(),
  name: z.string(),
  organisation: z.string(),
  aspects: z.number(),
  problems: z.number(),
  measures: z.number(),
  departments: z.number(),
  people: z.number(),
  contacts: z.number().describe('文件中填写了联系方式的人数'),
  /** Whether a campaign with this id is loaded already: with the same content (loading again starts nothing) or a different one (refused). */
  existing: z.enum(['none', 'same', 'different']),
});

export const LedgerImportResultSchema = LedgerSummary.extend({
  dryRun: z.boolean(),
  /** False on a dry run, or when the same ledger had been loaded before. */
  created: z.boolean(),
  started: z.number().describe('新启动的问题工作流'),
  alreadyRunning: z.number(),
  contactsUpdated: z.number().describe('联系方式有新增或变更的人数（联系方式不属于台账内容，再次导入同一台账也会更新）'),
  accounts: ImportAccountsResultSchema.nullable().describe('importAccounts=1 时为台账人员创建的账号（初始密码只显示这一次）'),
});
export type LedgerImportResult = z.infer<typeof LedgerImportResultSchema>;

// ---- POST /api/admin/report (multipart: file + fields) -----------------------------------------

export const ReportImportFieldsSchema = z
  .object({
    id: idString.optional().describe('巡察整改编号（默认取文件名）'),
    deadline: dateString.optional().describe('通报未给出时限的未完成问题的整改时限'),
    periodEnd: dateString.optional().describe('集中整改期截止日'),
    dryRun: flag('dryRun'),
    importAccounts: flag('importAccounts'),
  })
  .strict('包含未知字段');

export const RecognisedReportSchema = z.object({
  org: z.string().nullable(),
  feedbackDate: z.string().nullable(),
  issuedDate: z.string().nullable(),
  counts: z.object({ aspects: z.number(), problems: z.number(), measures: z.number(), completed: z.number(), unfinished: z.number() }),
  aspects: z.array(
    z.object({
      title: z.string(),
      problems: z.array(z.object({ title: z.string(), status: z.enum(['completed', 'unfinished']).nullable(), committedDeadline: z.string().nullable(), measures: z.number() })),
    }),
  ),
});

export const ReportImportResultSchema = LedgerImportResultSchema.extend({ recognised: RecognisedReportSchema });
export type ReportImportResult = z.infer<typeof ReportImportResultSchema>;
