import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import {
  LedgerImportFieldsSchema, LedgerImportResultSchema, ReportImportFieldsSchema, ReportImportResultSchema, type LedgerImportResult, type ReportImportResult,
} from '../../api/admin';
import { ErrorBodySchema } from '../../api/common';
import { getCampaign } from '../../db/queries/get-campaign';
import { ledgerHash } from '../../db/queries/insert-campaign';
import { UserError, type FieldError } from '../../domain/errors';
import { type CampaignLedger, idString, userErrorFromZod } from '../../domain/schemas';
import type { ParsedReport } from '../../report/parse';
import { importAccountsFromCampaign } from '../../services/accounts';
import { createCampaign } from '../../services/campaigns';
import { type ContactUpsert, saveLedgerContacts } from '../../services/contacts';
import { campaignIdFromFileName, ledgerFromReportText } from '../../services/report-ledger';
import { readLedgerWithContacts } from '../../spreadsheet/import';
import { audit } from '../audit';
import type { Desk } from '../context';
import { accountBody, requireRole } from './admin-views';
import { withUpload, type Upload } from './files';

// 管理 → 导入: a ledger file (.xlsx/.csv/.json) or a published report (.txt) becomes a campaign,
// exactly as `rectify campaign create` makes one. All or nothing: a file with errors is answered
// with every one of them, row and column named, and nothing is written. dryRun=1 only checks.

const IMPORTERS = ['office', 'admin'] as const;
const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema, 413: ErrorBodySchema, 415: ErrorBodySchema };

function fieldsOf<S extends z.ZodTypeAny>(schema: S, fields: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  return parsed.data;
}

/** "第12行 整改时限: 不是有效日期" → { path: '第12行 整改时限', message: '不是有效日期' }. */
export function issueField(line: string): FieldError {
  const m = /^((?:「[^」]+」)?(?:第\d+行)?)\s*(?:([^:\n]{1,40}): )?([\s\S]*)$/.exec(line)!;
  const path = [m[1], m[2]].filter(Boolean).join(' ');
  return { path, message: m[3] ?? line };
}

/** The reader's UserError, named by the uploaded file's name (not the temporary path), one field per error. */
function importError(e: unknown, u: Upload): unknown {
  if (!(e instanceof UserError)) return e;
  const message = e.message.split(u.file).join(u.name);
  const [heading = '', ...lines] = message.split('\n');
  const fields = lines.length ? lines.map(issueField) : [{ path: 'file', message: heading.replace(/^无法导入 [^：]*：/, '') }];
  return new UserError(message, e.code, fields);
}

function summary(ledger: CampaignLedger, existing: LedgerImportResult['existing']) {
  return {
    campaignId: ledger.id,
    name: ledger.name,
    organisation: ledger.organisation,
    aspects: ledger.aspects.length,
    problems: ledger.problems.length,
    measures: ledger.problems.reduce((n, p) => n + p.measures.length, 0),
    departments: ledger.departments.length,
    people: ledger.people.length,
    existing,
  };
}

/**
 * Loads the ledger (unless a dry run), then the contacts it carries beside it (they are not part of
 * its identity: the same ledger with new contacts is 'same' and updates them) and, when asked,
 * creates accounts for its people.
 */
async function load(
  desk: Desk, req: FastifyRequest, ledger: CampaignLedger, contacts: readonly ContactUpsert[], o: { dryRun: boolean; importAccounts: boolean; source: string },
): Promise<LedgerImportResult> {
  const stored = await getCampaign(desk.db, ledger.id);
  const existing = !stored ? 'none' : stored.campaign.ledgerHash === ledgerHash(ledger) ? 'same' : 'different';
  const base = { ...summary(ledger, existing), contacts: contacts.length };
  if (o.dryRun) return { ...base, dryRun: true, created: false, started: 0, alreadyRunning: 0, contactsUpdated: 0, accounts: null };
  if (existing === 'different') {
    const message = `巡察整改 ${ledger.id} 已存在且内容不同：同一编号不能载入不同的台账，请换一个编号或核对台账文件`;
    throw new UserError(message, 'Conflict', [{ path: 'id', message }]);
  }
  const r = await createCampaign(desk.temporal, desk.db, ledger, { taskQueue: desk.config.taskQueue });
  const contactsUpdated = await saveLedgerContacts(desk.db, contacts);
  await audit(desk, req, 'campaign-imported', { campaignId: ledger.id }, { source: o.source, problems: base.problems, created: r.created, started: r.started, contactsUpdated });
  let accounts: LedgerImportResult['accounts'] = null;
  if (o.importAccounts) {
    const a = await importAccountsFromCampaign(desk.db, ledger.id, { mustChange: true });
    await audit(desk, req, 'accounts-imported', { campaignId: ledger.id }, { created: a.created.map((c) => c.account.username), skipped: a.skipped.length });
    accounts = { created: a.created.map((c) => ({ account: accountBody(c.account), initialPassword: c.initialPassword })), skipped: a.skipped };
  }
  return { ...base, dryRun: false, created: r.created, started: r.started, alreadyRunning: r.alreadyRunning, contactsUpdated, accounts };
}

/** Accounts (and their passwords) are the administrator's: the office may load ledgers, not create logins. */
function checkAccountsOption(req: FastifyRequest, importAccounts: boolean): void {
  if (importAccounts) requireRole(req, ['admin'], '导入时创建账号');
}

function recognised(report: ParsedReport): ReportImportResult['recognised'] {
  const problems = report.aspects.flatMap((a) => a.problems);
  return {
    org: report.org,
    feedbackDate: report.feedbackDate,
    issuedDate: report.issuedDate,
    counts: {
      aspects: report.aspects.length,
      problems: problems.length,
      measures: problems.reduce((n, p) => n + p.measures.length, 0),
      completed: problems.filter((p) => p.status === 'completed').length,
      unfinished: problems.filter((p) => p.status === 'unfinished').length,
    },
    aspects: report.aspects.map((a) => ({
      title: a.title,
      problems: a.problems.map((p) => ({ title: p.title, status: p.status, committedDeadline: p.committedDeadline, measures: p.measures.length })),
    })),
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function registerImportRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/admin/ledger',
    {
      schema: {
        tags: ['管理'],
        summary: '导入台账（multipart：file 为 .xlsx/.csv/.json；dryRun=1 只检查；importAccounts=1 同时建账号，仅系统管理员）',
        consumes: ['multipart/form-data'],
        response: { 200: LedgerImportResultSchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, IMPORTERS, '导入台账');
      return withUpload(req, desk.config.maxUploadBytes, async (u) => {
        const o = fieldsOf(LedgerImportFieldsSchema, u.fields);
        checkAccountsOption(req, o.importAccounts);
        const { ledger, contacts } = await readLedgerWithContacts(u.file).catch((e: unknown) => {
          throw importError(e, u);
        });
        return load(desk, req, ledger, contacts, { ...o, source: `ledger:${u.name}` });
      });
    },
  );

  r.post(
    '/api/admin/report',
    {
      schema: {
        tags: ['管理'],
        summary: '由已发布的整改进展情况通报（.txt）重建巡察整改（multipart：file、id、deadline、periodEnd、dryRun、importAccounts）',
        consumes: ['multipart/form-data'],
        response: { 200: ReportImportResultSchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, IMPORTERS, '导入通报');
      return withUpload(req, desk.config.maxUploadBytes, async (u) => {
        const o = fieldsOf(ReportImportFieldsSchema, u.fields);
        checkAccountsOption(req, o.importAccounts);
        const id = o.id ?? campaignIdFromFileName(u.name);
        if (!idString.safeParse(id).success) {
          const message = `无法从文件名「${u.name}」得出编号：请填写巡察整改编号（字母、数字、点、下划线和连字符）`;
          throw new UserError(message, 'InvalidInput', [{ path: 'id', message }]);
        }
        let text: string;
        try {
          text = UTF8.decode(await readFile(u.file)).replace(/^\uFEFF/, '');
        } catch {
          throw new UserError('通报须为 UTF-8 编码的纯文本（.txt）', 'InvalidInput', [{ path: 'file', message: '不是 UTF-8 文本' }]);
        }
        const { report, ledger } = ledgerFromReportText(text, { id, deadline: o.deadline, periodEnd: o.periodEnd });
        return { ...(await load(desk, req, ledger, [], { ...o, source: `report:${u.name}` })), recognised: recognised(report) };
      });
    },
  );
}
