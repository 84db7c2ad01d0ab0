// Writing sheets to .xlsx (all of them) or .csv (the first one, the ledger), via a temporary
// file renamed into place, so a failed write never leaves half a ledger under the real name.
import ExcelJS from 'exceljs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../domain/errors';
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
  /** Columns of long text, wrapped within their width. */
  wrap?: readonly number[];
  /** Drop-down choices for a column, on the first `rows` data rows; only for a sheet without rows (the template). */
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

export type Progress = (done: number, total: number) => void;

/** `onProgress` counts data rows written, over all sheets. */
export async function writeBook(file: string, sheets: readonly SheetSpec[], format: OutputFormat, onProgress?: Progress): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const total = format === 'csv' ? (sheets[0]?.rows.length ?? 0) : sheets.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % PROGRESS_EVERY === 0 || done === total) onProgress?.(done, total);
  };
  try {
    if (format === 'csv') {
      const [ledger] = sheets;
      const rows = (ledger?.rows ?? []).map((r) => {
        tick();
        return r.map((c) => cellText(c));
      });
      await writeFile(tmp, toCsv([ledger?.header ?? [], ...rows]));
    } else {
      // The streaming writer: about twice as fast as building the whole workbook in memory.
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
      workbook.creator = 'rectify';
      for (const spec of sheets) writeSheet(workbook, spec, tick);
      await workbook.commit();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`无法写入 ${file}：目录 ${path.dirname(file)} 不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`无法写入 ${file}：没有写入权限`);
    throw e;
  }
}

const PROGRESS_EVERY = 500;
const WRAP: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, tick: () => void): void {
  const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Column formats make dates typed into an empty template column show as dates, not day numbers.
  ws.columns = spec.header.map((h, i) => {
    const numFmt = spec.formats?.[i];
    return { header: h, key: String(i), width: spec.widths?.[i] ?? 14, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.header.length } };
  const head = ws.getRow(1);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.border = { bottom: { style: 'thin' } };
  });
  head.commit();
  // Styling every cell slows both writing and reading the file back: only long text wraps.
  const wrap = new Set(spec.wrap ?? []);
  for (const values of spec.rows) {
    const row = ws.addRow([...values]);
    values.forEach((v, i) => {
      const numFmt = v instanceof Date ? DATE_FORMAT : spec.formats?.[i];
      if (numFmt) row.getCell(i + 1).numFmt = numFmt;
      if (wrap.has(i)) row.getCell(i + 1).alignment = WRAP;
    });
    row.commit();
    tick();
  }
  // The streaming writer cannot go back to rows already written.
  if (spec.rows.length && spec.choices?.length) throw new Error(`writeBook(${spec.name}): drop-downs only on sheets without rows`);
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
  ws.commit();
}
