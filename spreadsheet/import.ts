// Reading a ledger from .json, .xlsx or .csv. All or nothing: either a ledger that passed every
// check, or a UserError listing every problem found (row and column in Chinese) — so the caller
// inserts only after a successful read.
import { CampaignLedger, CampaignLedgerSchema, formatZodError } from '../domain/schemas';
import { AssembleOptions, LedgerBase, ledgerFromSheets, LoadedLedger } from './assemble';
import { baseFromJson, baseFromSheets } from './base';
import { contactsFromJson } from './contacts';
import { fileError, Issues } from './issues';
import { fileKind, readChecked, readCsv, readXlsx } from './read-file';

export type { LedgerBase, LoadedLedger } from './assemble';
export type { PersonContact } from './contacts';

export interface ReadLedgerOptions {
  /** Called while the ledger rows are checked, e.g. every 500 rows: (rows done, rows in all). */
  onProgress?(done: number, total: number): void;
  /**
   * What the file does not say itself. A .csv holds only the 台账 sheet, so its campaign
   * metadata (编号, 名称, dates…), people, leading group and departments must come from here —
   * typically `await readLedgerBase('台账.xlsx')` or a JSON ledger. For .xlsx the workbook wins:
   * the base only fills in what it lacks (a missing or unfilled 人员 sheet, a missing or blank
   * 巡察信息 row), and the departments are the union of both. Aspects of the base keep their
   * numbers (titles new in the file are numbered after them); its problems are ignored. For
   * .json the base gives the top-level fields the JSON leaves out.
   */
  base?: LedgerBase;
}

/** A ledger from `file`: .json (a CampaignLedger), .xlsx (the template's layout) or .csv (its 台账 sheet). */
export async function readLedgerFile(file: string, opts: ReadLedgerOptions = {}): Promise<CampaignLedger> {
  return (await readLedgerWithContacts(file, opts)).ledger;
}

/**
 * The ledger and, beside it, its people's contacts (人员 columns 邮箱…飞书, or `contact` on JSON
 * people): what `campaign create --file` and the desk's ledger import load. Contact errors are
 * listed with the others; nothing comes back unless everything is right.
 */
export async function readLedgerWithContacts(file: string, opts: ReadLedgerOptions = {}): Promise<LoadedLedger> {
  const kind = fileKind(file);
  const bytes = await readChecked(file);
  if (kind === 'json') return readJsonLedger(file, bytes, opts.base);
  const sheets = kind === 'csv' ? readCsv(file, bytes) : await readXlsx(file, bytes);
  const o: AssembleOptions = { base: opts.base, csv: kind === 'csv', onProgress: opts.onProgress };
  return ledgerFromSheets(file, sheets, o);
}

/**
 * The base for a csv ledger: the 巡察信息 and 人员 sheets of a workbook (e.g. the filled-in
 * template, or an export), or a partial JSON ledger.
 */
export async function readLedgerBase(file: string): Promise<LedgerBase> {
  const kind = fileKind(file);
  if (kind === 'csv') throw fileError(file, '基础信息须为含「巡察信息」「人员」工作表的 .xlsx，或 JSON 台账');
  const bytes = await readChecked(file);
  const issues = new Issues();
  const base = kind === 'json' ? baseFromJson(parseJson(file, bytes), issues) : baseFromSheets(await readXlsx(file, bytes), issues);
  issues.throwIfAny(file);
  return base;
}

function parseJson(file: string, bytes: Buffer): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw fileError(file, `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fileError(file, 'JSON 台账的顶层应为对象');
  return raw;
}

function readJsonLedger(file: string, bytes: Buffer, base: LedgerBase = {}): LoadedLedger {
  const raw = parseJson(file, bytes) as { people?: unknown };
  const issues = new Issues();
  // The file's people bring their own contacts; people taken from the base bring the base's.
  const contacts = raw.people !== undefined ? contactsFromJson(raw, issues) : (base.contacts ?? []);
  const r = CampaignLedgerSchema.safeParse({ ...base, ...raw });
  if (!r.success) for (const line of formatZodError(r.error).split('\n')) issues.add({}, line);
  issues.throwIfAny(file);
  if (r.success) return { ledger: r.data, contacts };
  throw new Error('unreachable: the schema failed without issues');
}
