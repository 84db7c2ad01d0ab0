import { ZodError } from 'zod';
import { isValidDate } from '../domain/dates';
import { UserError } from '../domain/errors';
import { type CampaignLedger, formatZodError } from '../domain/schemas';
import { parseReport, ReportParseError, type ParsedReport } from '../report/parse';
import { inspectionFacts } from '../report/preamble';
import { ledgerFromReport } from '../report/to-ledger';

// A published progress report (通报, plain text) → a ledger, as `rectify campaign create
// --from-report` and the desk's 管理 page both load it: parsed, then rebuilt with the default
// directory; every failure a UserError people can read.

export interface ReportLedgerOptions {
  id: string;
  /** Deadline of unfinished problems the report gives none for ('YYYY-MM-DD'). */
  deadline?: string;
  /** End of the concentrated period ('YYYY-MM-DD'). */
  periodEnd?: string;
}

export interface ReportLedger {
  report: ParsedReport;
  ledger: CampaignLedger;
}

/** A campaign id from a file name, as the CLI always made it: "qingyuan 2024.txt" → "qingyuan-2024". */
export const campaignIdFromFileName = (file: string): string =>
  file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.-]/g, '-');

export function ledgerFromReportText(text: string, o: ReportLedgerOptions): ReportLedger {
  for (const [name, v] of [['deadline', o.deadline], ['periodEnd', o.periodEnd]] as const) {
    if (v !== undefined && !isValidDate(v)) {
      const message = `"${v}" 不是有效日期（格式 YYYY-MM-DD）`;
      throw new UserError(`${name}: ${message}`, 'InvalidInput', [{ path: name, message }]);
    }
  }
  let report: ParsedReport;
  try {
    report = parseReport(text);
  } catch (e) {
    if (e instanceof ReportParseError) throw new UserError(e.message, 'InvalidInput', [{ path: 'file', message: e.message }]);
    throw e;
  }
  try {
    return { report, ledger: ledgerFromReport(report, { id: o.id, deadline: o.deadline, periodEnd: o.periodEnd, facts: inspectionFacts(text) }) };
  } catch (e) {
    if (e instanceof ZodError) throw new UserError(`由通报生成的台账无效：\n${formatZodError(e, '  ')}`);
    throw e;
  }
}
