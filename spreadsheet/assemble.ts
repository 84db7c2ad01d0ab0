// From the sheets of one file (plus the base for what the file does not hold) to a validated
// ledger — or one UserError listing everything that is wrong, and no ledger at all.
import { CampaignLedger, CampaignLedgerSchema } from '../domain/schemas';
import type { Sheet } from './cells';
import type { PersonContact } from './contacts';
import { Directory, uniqueDepartments } from './directory';
import { Issues } from './issues';
import { META_FIELDS, SHEET } from './layout';
import { addSchemaIssues } from './locate';
import { InfoSheet, readInfo } from './read-info';
import { readLedgerSheet } from './read-ledger';
import { readPeople } from './read-people';

/** What a file does not hold itself; `contacts` go with the base's people. */
export type LedgerBase = Partial<CampaignLedger> & { contacts?: PersonContact[] };

/** A ledger and, beside it, the contacts its people sheet (or JSON) gave: not part of the ledger's identity. */
export interface LoadedLedger {
  ledger: CampaignLedger;
  contacts: PersonContact[];
}

export interface AssembleOptions {
  base?: LedgerBase;
  /** A csv holds the ledger sheet only: messages then point at the base instead of missing sheets. */
  csv: boolean;
  onProgress?(done: number, total: number): void;
}

const NOT_LEDGER: readonly string[] = [SHEET.info, SHEET.people, SHEET.guide];
const PROVIDE_BASE = '请同时提供填好「巡察信息」和「人员」的 .xlsx 或 JSON 台账作为基础信息';

export function ledgerFromSheets(file: string, sheets: readonly Sheet[], o: AssembleOptions): LoadedLedger {
  const issues = new Issues();
  const base = o.base ?? {};
  const sheet = (name: string) => sheets.find((s) => s.name === name);
  const infoSheet = sheet(SHEET.info);
  const info = infoSheet && readInfo(infoSheet, issues);
  const meta = readMeta(info, base, issues, o.csv);
  // A 人员 sheet left as in the template (a header at most) defers to the base's people.
  const inFile = sheet(SHEET.people);
  const peopleSheet = inFile && (inFile.rows.length > 1 || !base.people) ? inFile : undefined;
  const fromSheet = peopleSheet && readPeople(peopleSheet, issues);
  const people = peopleSheet ? fromSheet?.people : base.people;
  const leadingGroup = peopleSheet ? fromSheet?.leadingGroup : base.leadingGroup;
  if (!peopleSheet && !base.people) issues.add({}, o.csv ? `CSV 文件只含台账，缺少人员名单：${PROVIDE_BASE}` : '缺少「人员」工作表');
  else if (!peopleSheet && !base.leadingGroup) issues.add({}, '基础信息中没有领导小组（leadingGroup）');
  const departments = uniqueDepartments(info?.departments ?? [], (people ?? []).map((p) => p.department ?? ''), base.departments ?? []);
  const directory = new Directory(people ?? [], departments, !people);

  const ledgerSheet = sheet(SHEET.ledger) ?? sheets.find((s) => !NOT_LEDGER.includes(s.name));
  if (!ledgerSheet) issues.add({}, `找不到「${SHEET.ledger}」工作表`);
  const ledger = ledgerSheet && readLedgerSheet(ledgerSheet, issues, { directory, aspects: base.aspects, onProgress: o.onProgress });
  issues.throwIfAny(file);

  const r = CampaignLedgerSchema.safeParse({
    ...meta,
    leadingGroup,
    people,
    departments,
    policy: { ...base.policy, ...info?.policy },
    aspects: ledger?.aspects ?? [],
    problems: ledger?.problems ?? [],
  });
  if (r.success) return { ledger: r.data, contacts: (peopleSheet ? fromSheet?.contacts : base.contacts) ?? [] };
  addSchemaIssues(r.error, { ledger: ledger?.rows ?? [], people: fromSheet?.rows, info: info?.rows }, issues);
  issues.throwIfAny(file);
  throw new Error('unreachable: the schema failed without issues');
}

/** Campaign metadata: the file's 巡察信息 first, the base for what it lacks. */
function readMeta(info: InfoSheet | undefined, base: LedgerBase, issues: Issues, csv: boolean): Partial<CampaignLedger> {
  const meta: Partial<CampaignLedger> = {};
  const missing: string[] = [];
  for (const f of META_FIELDS) {
    const value = info?.meta[f.key] ?? base[f.key];
    if (value !== undefined) meta[f.key] = value;
    else if (info?.invalid.has(f.key)) continue;
    else if (info?.rows[f.key] !== undefined) issues.add({ sheet: SHEET.info, row: info.rows[f.key], column: f.label }, '不能为空');
    else if (info) issues.add({ sheet: SHEET.info }, `缺少「${f.label}」`);
    else missing.push(f.label);
  }
  if (missing.length) {
    issues.add({}, csv ? `CSV 文件只含台账，缺少巡察信息（${missing.join('、')}）：${PROVIDE_BASE}` : `缺少「巡察信息」工作表（${missing.join('、')}）`);
  }
  return meta;
}
