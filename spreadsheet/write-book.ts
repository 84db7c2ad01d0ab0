// Writing sheets to .xlsx (all of them) or .csv (the first one, the ledger), via a temporary
// file renamed into place, so a failed write never leaves half a ledger under the real name.
import ExcelJS from 'exceljs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../client/errors';
import { Cell, cellText } from './cells';
import { toCsv } from './csv';

export interface SheetSpec {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Column widths in characters (a CJK character counts about two). */
  widths?: readonly number[];
  /** Number formats by column index, e.g. '0.00' for money. Dates get 'yyyy-mm-dd' anyway. */
  formats?: Readonly<Record<number, string>>;
  /** Drop-down choices for a column, on the first `rows` data rows. */
  choices?: readonly { column: number; values: readonly string[]; rows: number; strict: boolean }[];
}

export type OutputFormat = 'xlsx' | 'csv';

export function outputFormat(file: string): OutputFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw new UserError(`输出文件须以 .xlsx 或 .csv 结尾：${file}`);
}

/** A calendar date as an Excel date cell: midnight UTC is exactly the day Excel will show. */
export const dateCell = (iso: string | null | undefined): Cell => (iso ? new Date(`${iso}T00:00:00Z`) : null);

const DATE_FORMAT = 'yyyy-mm-dd';

export async function writeBook(file: string, sheets: readonly SheetSpec[], format: OutputFormat): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (format === 'csv') {
      const [ledger] = sheets;
      await writeFile(tmp, ledger ? toCsv([ledger.header, ...ledger.rows.map((r) => r.map((c) => cellText(c)))]) : '');
    } else {
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'rectify';
      for (const spec of sheets) addSheet(workbook, spec);
      await workbook.xlsx.writeFile(tmp);
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.header.map((h, i) => ({ header: h, key: String(i), width: spec.widths?.[i] ?? 14 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.header.length } };
  for (const values of spec.rows) {
    const row = ws.addRow([...values]);
    row.alignment = { vertical: 'top', wrapText: true };
    values.forEach((v, i) => {
      const numFmt = v instanceof Date ? DATE_FORMAT : spec.formats?.[i];
      if (numFmt) row.getCell(i + 1).numFmt = numFmt;
    });
  }
  for (const choice of spec.choices ?? []) {
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${choice.values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: choice.strict ? 'stop' : 'information',
      error: `可选：${choice.values.join('、')}`,
    };
    for (let r = 2; r <= choice.rows + 1; r += 1) ws.getCell(r, choice.column + 1).dataValidation = validation;
  }
  // Dates typed into an empty template column should show as dates, not day numbers.
  for (const [i, numFmt] of Object.entries(spec.formats ?? {})) ws.getColumn(Number(i) + 1).numFmt = numFmt;
}
