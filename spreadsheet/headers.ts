// Finding the header row and the columns by name: people put a title row above the table,
// reorder columns, add their own, and write "责任部门" for "责任科室".
import { cellText, fold, Row, Sheet } from './cells';
import type { Issues } from './issues';

/** Title rows above the header are common; a header further down than this is not a header. */
const HEADER_SEARCH_ROWS = 10;

export interface Table<C extends string> {
  /** Column index (0-based) by canonical header; absent when the sheet lacks the column. */
  columns: Partial<Record<C, number>>;
  /** The rows below the header. */
  rows: Row[];
}

/**
 * The sheet's table: the header is the row (among the first few) naming the most known columns.
 * Reports missing required columns and columns given twice; returns undefined when a required
 * column is missing, since no row can be checked without it.
 */
export function readTable<C extends string>(
  sheet: Sheet,
  known: readonly C[],
  required: readonly C[],
  issues: Issues,
  aliases: Readonly<Record<string, C>> = {},
): Table<C> | undefined {
  const canonical = new Map<string, C>(known.map((c) => [fold(c), c]));
  for (const [alias, c] of Object.entries(aliases)) canonical.set(fold(alias), c);
  const headerOf = (text: string): C | undefined => canonical.get(fold(text).replace(/[*＊]$/, ''));

  let best: { index: number; hits: number } = { index: -1, hits: 0 };
  sheet.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    const hits = new Set(row.cells.map((c) => headerOf(cellText(c))).filter(Boolean)).size;
    if (hits > best.hits) best = { index, hits };
  });
  const header = sheet.rows[best.index];
  const columns: Partial<Record<C, number>> = {};
  header?.cells.forEach((c, i) => {
    const name = headerOf(cellText(c));
    if (!name) return;
    const first = columns[name];
    if (first === undefined) columns[name] = i;
    else issues.add({ sheet: sheet.name, row: header.no, column: name }, `列重复（第${columnLetter(first)}列和第${columnLetter(i)}列），请删除其中一列`);
  });
  const missing = required.filter((c) => columns[c] === undefined);
  if (missing.length) {
    issues.add({ sheet: sheet.name }, `缺少必需列：${missing.join('、')}`);
    return undefined;
  }
  return { columns, rows: sheet.rows.slice(best.index + 1) };
}

/** 0 → A, 26 → AA: how Excel names columns. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
