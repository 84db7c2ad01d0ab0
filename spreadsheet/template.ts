// `rectify template`: an empty ledger workbook for the office to fill in, with a 说明 sheet.
import type { Cell } from './cells';
import { GUIDE_COLUMNS, guideRows } from './guide';
import { DEPARTMENTS_LABEL, INFO_COLUMNS, KIND_LABELS, LEDGER_COLUMNS, META_FIELDS, PEOPLE_COLUMNS, ROLE_LABEL, ROLES, SHEET, columnIndex } from './layout';
import { POLICY_FIELDS, POLICY_KEYS } from './policy-fields';
import { outputFormat, SheetSpec, writeBook } from './write-book';

const L = columnIndex(LEDGER_COLUMNS);
export const LEDGER_WIDTHS = [6, 26, 30, 40, 10, 10, 12, 10, 12, 40, 10, 12];
export const DATE_FORMATS: Readonly<Record<number, string>> = { [L['整改时限']]: 'yyyy-mm-dd', [L['措施时限']]: 'yyyy-mm-dd' };
/** Drop-downs cover this many rows; typing beyond them works the same, only without the list. */
const TEMPLATE_ROWS = 1000;

export function ledgerSpec(rows: readonly (readonly Cell[])[], extra: Partial<SheetSpec> = {}): SheetSpec {
  const wrap = [L['方面'], L['问题'], L['问题描述'], L['整改措施']];
  return { name: SHEET.ledger, header: LEDGER_COLUMNS, rows, widths: LEDGER_WIDTHS, formats: DATE_FORMATS, wrap, ...extra };
}

/** 巡察信息 rows: the metadata, the 科室 row and the policy rows, each with its hint. */
export function infoSpec(value: (label: string) => Cell = () => null): SheetSpec {
  const rows: Cell[][] = [
    ...META_FIELDS.map((f) => [f.label, value(f.label), `必填：${f.hint}`]),
    [DEPARTMENTS_LABEL, value(DEPARTMENTS_LABEL), '选填：还没有人员的科室，用顿号分隔；「人员」表中的科室会自动加入'],
    ...POLICY_KEYS.map((k) => [POLICY_FIELDS[k].label, value(POLICY_FIELDS[k].label), `选填：${POLICY_FIELDS[k].hint}`]),
  ];
  return { name: SHEET.info, header: INFO_COLUMNS, rows, widths: [22, 36, 60], wrap: [2] };
}

export function peopleSpec(rows: readonly (readonly Cell[])[], choiceRows = 0): SheetSpec {
  const roles = { column: PEOPLE_COLUMNS.indexOf('角色'), values: ROLES.map((r) => ROLE_LABEL[r]), rows: choiceRows, strict: false };
  // Text, so Excel keeps a typed mobile number as written (not 1.38E+10, not without its leading +).
  const formats = { [PEOPLE_COLUMNS.indexOf('手机')]: '@' };
  return { name: SHEET.people, header: PEOPLE_COLUMNS, rows, widths: [12, 12, 16, 14, 14, 26, 16, 16, 16, 24], formats, choices: choiceRows ? [roles] : [] };
}

/** The template: .xlsx with all four sheets, or .csv with the ledger header only. */
export async function writeTemplate(file: string): Promise<void> {
  const kinds = { column: L['整改类型'], values: KIND_LABELS, rows: TEMPLATE_ROWS, strict: true };
  const sheets: SheetSpec[] = [
    ledgerSpec([], { choices: [kinds] }),
    infoSpec(),
    peopleSpec([], TEMPLATE_ROWS),
    { name: SHEET.guide, header: GUIDE_COLUMNS, rows: guideRows(), widths: [10, 16, 14, 70, 36], wrap: [3, 4] },
  ];
  await writeBook(file, sheets, outputFormat(file));
}
