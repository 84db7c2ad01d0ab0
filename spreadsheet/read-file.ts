// Opening a ledger file: the checks that need no parsing (missing, empty, too big, wrong kind)
// come first, so a wrong or huge file is refused at once instead of after seconds of unzipping.
import ExcelJS from 'exceljs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Cell, cellText, fromExcel, Row, Sheet } from './cells';
import { CsvSyntaxError, parseCsv } from './csv';
import { fileError } from './issues';
import { SHEET } from './layout';

/** A ledger of a few thousand problems is well under 2 MB; 20 MB means the wrong file or embedded media. */
export const MAX_BYTES = 20 * 1024 * 1024;

export type FileKind = 'xlsx' | 'csv' | 'json';

export function fileKind(file: string): FileKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.xls' || ext === '.et' || ext === '.wps') throw fileError(file, `不支持旧版 ${ext} 格式：请在 Excel 或 WPS 中另存为 .xlsx`);
  throw fileError(file, `不支持的文件类型「${ext || '无扩展名'}」：请使用 .xlsx、.csv 或 .json`);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file's bytes, after the checks that need only its size. */
export async function readChecked(file: string): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw fileError(file, '不是文件');
    size = s.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw fileError(file, '文件不存在');
    throw e;
  }
  if (size === 0) throw fileError(file, '文件为空');
  if (size > MAX_BYTES) {
    throw fileError(file, `文件过大（${mb(size)}），上限为 ${mb(MAX_BYTES)}：请确认选对了文件，或删除其中的图片和无关工作表后再导入`);
  }
  return readFile(file);
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
/** Compound File header: legacy .xls, and also password-protected .xlsx. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function readXlsx(file: string, bytes: Buffer): Promise<Sheet[]> {
  if (bytes.subarray(0, OLE.length).equals(OLE)) {
    throw fileError(file, '不是有效的 Excel 文件：这是旧版 .xls 或设置了密码的文件，请去掉密码并另存为 .xlsx');
  }
  if (!bytes.subarray(0, ZIP.length).equals(ZIP)) throw fileError(file, '不是有效的 Excel 文件');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's declared Buffer type predates Node's generic Buffer; the bytes are what it wants.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError(file, '不是有效的 Excel 文件（文件已损坏，或不是 .xlsx 格式）');
  }
  if (!workbook.worksheets.length) throw fileError(file, '不是有效的 Excel 文件（没有工作表）');
  const sheets = workbook.worksheets.map((ws) => ({ name: ws.name.trim(), rows: worksheetRows(ws) }));
  if (sheets.every((s) => !s.rows.length)) throw fileError(file, '文件为空');
  return sheets;
}

function worksheetRows(ws: ExcelJS.Worksheet): Row[] {
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, no) => {
    const cells: Cell[] = [];
    // Merged cells read as their top-left cell's value, so a merged 序号 or 问题 repeats naturally.
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = fromExcel(cell.value);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= null;
    if (cells.some((c) => cellText(c) !== '')) rows.push({ no, cells });
  });
  return rows;
}

/** A csv holds the ledger sheet only. */
export function readCsv(file: string, bytes: Buffer): Sheet[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(file, '不是 UTF-8 编码的 CSV：请在 Excel 中选择「另存为 → CSV UTF-8（逗号分隔）」');
  }
  if (text.includes('\0')) throw fileError(file, '不是文本格式的 CSV 文件');
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw fileError(file, `CSV 格式有误：${e.message}`);
    throw e;
  }
  const rows = records.map((cells, i) => ({ no: i + 1, cells: cells as Cell[] })).filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (!rows.length) throw fileError(file, '文件为空');
  return [{ name: SHEET.ledger, rows }];
}
