// `rectify export`: the live ledger (what the workflows have made of it) as .xlsx or .csv, in the
// template's layout plus status columns, so the file can be read by people and imported again.
import { UserError } from '../domain/errors';
import type { Db } from '../db/client';
import { shanghaiDate } from '../domain/dates';
import { OUTCOME_FIGURES, outcomeHeader } from '../domain/outcomes';
import { getCampaign } from '../db/queries/get-campaign';
import { type LedgerQuery, queryLedger } from '../db/queries/ledger';
import { listContacts } from '../db/queries/list-contacts';
import { listMeasures } from '../db/queries/list-measures';
import { infoValues, ledgerRows, peopleRows } from './export-rows';
import { columnIndex, EXPORT_COLUMNS, LEDGER_COLUMNS } from './layout';
import { DATE_FORMATS, infoSpec, LEDGER_WIDTHS, ledgerSpec, peopleSpec } from './template';
import { outputFormat, writeBook } from './write-book';

export interface ExportOptions {
  /** Called while the file is written, every 500 rows and at the end: (rows written, rows in all). */
  onProgress?(done: number, total: number): void;
  /**
   * Only these problems, in this order: the reader's remit and the ledger page's filters (the desk
   * exports what its list shows). The whole ledger, by number, when absent.
   */
  filter?: Omit<LedgerQuery, 'campaignId' | 'today' | 'no' | 'page' | 'pageSize'>;
  /** The people's live contacts in 人员 (default true); false leaves those columns empty. */
  contacts?: boolean;
}

export interface ExportResult {
  problems: number;
  /** Data rows of the 台账 sheet (one per measure, one per problem without measures). */
  rows: number;
}

const HEADER = [...LEDGER_COLUMNS, ...EXPORT_COLUMNS];
const X = columnIndex(HEADER);
const EXTRA_WIDTHS = [14, 12, 6, 8, ...OUTCOME_FIGURES.map((f) => (f.decimals === 2 ? 12 : 8)), 24];
const MONEY_FORMATS = Object.fromEntries(OUTCOME_FIGURES.filter((f) => f.decimals === 2).map((f) => [X[outcomeHeader(f)]!, '0.00']));

export async function exportLedger(db: Db, campaignId: string, file: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const format = outputFormat(file);
  const record = await getCampaign(db, campaignId);
  if (!record) throw new UserError(`找不到巡察整改「${campaignId}」：请确认编号`);
  const { rows: problems } = await queryLedger(db, { ...opts.filter, campaignId, today: shanghaiDate(Date.now()) });
  const measures = await listMeasures(db, { campaignId });
  const rows = ledgerRows({ record, problems, measures });
  const ledger = ledgerSpec(rows, {
    header: HEADER,
    widths: [...LEDGER_WIDTHS, ...EXTRA_WIDTHS],
    formats: { ...DATE_FORMATS, [X['承诺整改时限']!]: 'yyyy-mm-dd', ...MONEY_FORMATS },
  });
  const contacts = new Map(opts.contacts === false ? [] : (await listContacts(db, record.people.map((p) => p.id))).map((c) => [c.personId, c]));
  await writeBook(file, [ledger, infoSpec(infoValues(record)), peopleSpec(peopleRows(record, contacts))], format, opts.onProgress);
  return { problems: problems.length, rows: rows.length };
}
