// 管理: imports and accounts, typed by the HTTP contract (api/admin.ts) through z.infer.
import type { z } from 'zod';
import type {
  AccountListSchema, AccountPatchBody, AccountSchema, CreatedAccountSchema, ImportAccountsResultSchema, LedgerImportResultSchema, NewAccountBody, PasswordResetResultSchema,
  ReportImportResultSchema,
} from '../../../api/admin';
import { api, request } from './client';

export type Account = z.infer<typeof AccountSchema>;
export type CreatedAccount = z.infer<typeof CreatedAccountSchema>;
export type ImportAccountsResult = z.infer<typeof ImportAccountsResultSchema>;
export type LedgerImportResult = z.infer<typeof LedgerImportResultSchema>;
export type ReportImportResult = z.infer<typeof ReportImportResultSchema>;
export type PasswordReset = z.infer<typeof PasswordResetResultSchema>;

const accounts = '/api/admin/accounts';
const one = (username: string) => `${accounts}/${encodeURIComponent(username)}`;

export const listAccounts = (signal?: AbortSignal) => api.get<z.infer<typeof AccountListSchema>>(accounts, { signal });
export const createAccount = (body: NewAccountBody) => api.post<CreatedAccount>(accounts, body);
export const patchAccount = (username: string, patch: AccountPatchBody) => request<Account>('PATCH', one(username), patch);
export const resetPassword = (username: string) => api.post<PasswordReset>(`${one(username)}/reset-password`);
export const importAccounts = (campaignId: string) => api.post<ImportAccountsResult>(`${accounts}/import`, { campaignId });

/** A multipart form: the text fields first, then the file (the server reads fields before the file). */
function form(file: File, fields: Record<string, string | undefined>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) f.append(k, v);
  f.append('file', file, file.name);
  return f;
}

const flag = (b: boolean) => (b ? '1' : '0');

export const uploadLedger = (file: File, o: { dryRun: boolean; importAccounts?: boolean }) =>
  api.post<LedgerImportResult>('/api/admin/ledger', form(file, { dryRun: flag(o.dryRun), importAccounts: o.importAccounts ? '1' : undefined }));

export interface ReportFields {
  id?: string;
  deadline?: string;
  periodEnd?: string;
}

export const uploadReport = (file: File, o: ReportFields & { dryRun: boolean }) =>
  api.post<ReportImportResult>('/api/admin/report', form(file, { id: o.id, deadline: o.deadline, periodEnd: o.periodEnd, dryRun: flag(o.dryRun) }));
