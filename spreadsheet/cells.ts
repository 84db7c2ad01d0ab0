// Cells as the parsers see them, whichever file they came from (xlsx via exceljs, or csv).

/** A cell's value: csv gives strings only, xlsx also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

/** One non-blank row: `no` is the row number a person sees in Excel (the line's record number in csv). */
export interface Row {
  no: number;
  cells: Cell[];
}

export interface Sheet {
  name: string;
  rows: Row[];
}

/**
 * exceljs's cell value, flattened: rich text to its text, formulas to their cached result,
 * hyperlinks to their text, error values to their code ("#N/A"). Typed as unknown because
 * exceljs's declared types are looser than what it returns (a hyperlink's text may be rich text).
 */
export function fromExcel(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return null;
  if ('richText' in v && Array.isArray(v.richText)) {
    return v.richText.map((r: unknown) => (r && typeof r === 'object' && 'text' in r && typeof r.text === 'string' ? r.text : '')).join('');
  }
  if ('result' in v) return fromExcel(v.result);
  // A formula Excel never calculated has no result: nothing to read.
  if ('formula' in v || 'sharedFormula' in v) return null;
  if ('text' in v) return fromExcel(v.text);
  if ('error' in v && typeof v.error === 'string') return v.error;
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A date cell's calendar date. Excel stores the day number; exceljs turns it into that day's
 * midnight UTC, so the date shown in Excel is the UTC date — never the local or Shanghai one.
 */
export function utcDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The text a person sees in the cell, trimmed (ideographic spaces too). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return String(c);
  if (typeof c === 'boolean') return c ? '是' : '否';
  return utcDate(c);
}

export const isBlank = (c: Cell | undefined): boolean => cellText(c) === '';

/** For matching labels (headers, kinds, roles): full-width forms folded, spaces removed. */
export const fold = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
