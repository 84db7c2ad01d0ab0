// Parsing single cells into ledger values. Each parser returns undefined for "not valid"; the
// caller words the message, since only it knows the row and column.
import { isValidDate } from '../domain/dates';
import type { ProblemKind } from '../domain/schemas';
import { Cell, cellText, fold, utcDate } from './cells';

const DAY_MS = 24 * 3600_000;
/** Excel's day 0 in the 1900 date system (its 1900 leap-year bug makes the epoch the 30th). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Day numbers that can only be dates in a ledger (1954–2119): anything else is a typo. */
const SERIAL_RANGE = [20_000, 80_000] as const;

const DATE_TEXT = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

const iso = (y: string, m: string, d: string): string | undefined => {
  const s = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidDate(s) ? s : undefined;
};

/**
 * 'YYYY-MM-DD' from a date cell, a day number that lost its date format, or text:
 * 2025年12月31日, 2025-12-31, 2025/12/31, 2025.12.31, 2025-1-5, 20251231 (full-width digits too).
 */
export function parseDate(c: Cell): string | undefined {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? undefined : utcDate(c);
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= SERIAL_RANGE[0] && c <= SERIAL_RANGE[1]) return utcDate(new Date(EXCEL_EPOCH + c * DAY_MS));
    return COMPACT_DATE.test(String(c)) ? parseDate(String(c)) : undefined;
  }
  if (typeof c !== 'string') return undefined;
  const s = c.normalize('NFKC').trim();
  const m = DATE_TEXT.exec(s) ?? COMPACT_DATE.exec(s);
  return m ? iso(m[1]!, m[2]!, m[3]!) : undefined;
}

/** 序号: a positive whole number; "3." and "3、" as people write them are fine. */
export function parseSerial(c: Cell): number | undefined {
  if (typeof c === 'number') return Number.isInteger(c) && c > 0 && c < 2 ** 31 ? c : undefined;
  const m = /^(\d{1,9})[.、]?$/.exec(fold(cellText(c)));
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : undefined;
}

const KINDS: Readonly<Record<string, ProblemKind>> = {
  立行立改: 'immediate',
  限期整改: 'time-bound',
  长期坚持: 'long-term',
  immediate: 'immediate',
  'time-bound': 'time-bound',
  'long-term': 'long-term',
};

export function parseKind(c: Cell): ProblemKind | undefined {
  return KINDS[fold(cellText(c))];
}

const NUMERAL = '[一二三四五六七八九十百零〇\\d]+';
/** "（一）", "(1)", "一、", "1." — a numbering only when bracketed or followed by punctuation. */
const ASPECT_NUMBERING = new RegExp(`^(?:[（(]\\s*${NUMERAL}\\s*[)）]|${NUMERAL}\\s*[、.．:：])\\s*`);

/** An aspect's title without its numbering, so "（一）关于X方面" and "关于X方面" are one aspect. */
export function aspectTitle(c: Cell): string {
  return cellText(c).replace(ASPECT_NUMBERING, '').trim();
}

/** A list cell: "7、3、1", "7,3,1", "财务科；人事科". */
export const splitList = (s: string): string[] =>
  s
    .split(/[、,，;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
