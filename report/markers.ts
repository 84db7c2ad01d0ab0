// Numbering markers of report headings and measures. Numbers are read but never trusted for
// structure: real reports restart, skip and repeat them, so only the marker's *shape* matters.

export type HeadingKind = 'section' | 'cnParen' | 'arParen' | 'arDot' | 'circled';

export interface Heading {
  kind: HeadingKind;
  num: number;
  /** Text after the marker. */
  rest: string;
}

const CN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Chinese numerals up to 99 (一, 十二, 二十三, 两); null for anything else. */
export function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, units] = m;
  if (!ten) return tens !== undefined && units === undefined ? (CN_DIGITS[tens] ?? null) : null;
  return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (units ? (CN_DIGITS[units] ?? 0) : 0);
}

const CN = '[一二三四五六七八九十]{1,3}';
// Arabic numbers are typed in half-width (1.) or full-width (１．) digits; both are the same marker.
const AR = '[0-9０-９]';
const PATTERNS: ReadonlyArray<readonly [HeadingKind, RegExp]> = [
  ['cnParen', new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`)],
  ['arParen', new RegExp(`^[（(]\\s*(${AR}{1,3})\\s*[）)]\\s*`)],
  ['section', new RegExp(`^(${CN})\\s*[、．.]\\s*`)],
  // "3.5%" or "2.5例" at the start of a wrapped line is a decimal, not a heading; "9.2021年以来…"
  // is a heading whose title starts with a year.
  ['arDot', new RegExp(`^(${AR}{1,3})\\s*(?:、|[.．](?!(?!${AR}{4}年)[0-9０-９.．]))\\s*`)],
  ['circled', /^([①-⑳])\s*/],
];

const halfWidth = (digits: string): string => digits.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));

export function readHeading(text: string): Heading | null {
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(text);
    const digits = m?.[1];
    if (!m || digits === undefined) continue;
    const num = kind === 'circled' ? digits.charCodeAt(0) - 0x2460 + 1 : cnNumber(halfWidth(digits));
    if (num === null) continue;
    return { kind, num, rest: text.slice(m[0].length) };
  }
  return null;
}

const ORDINAL = new RegExp(`^(${CN})是`);

/** "一是…" / "十二是…": the measure enumeration used by all known reports. */
export function readOrdinal(text: string): { num: number; rest: string } | null {
  const m = ORDINAL.exec(text);
  const num = m?.[1] === undefined ? null : cnNumber(m[1]);
  if (!m || num === null) return null;
  return { num, rest: text.slice(m[0].length) };
}

export function ordinalWord(num: number): string {
  const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (num < 10) return digits[num] ?? '';
  const tens = Math.floor(num / 10);
  return `${tens === 1 ? '' : (digits[tens] ?? '')}十${digits[num % 10] ?? ''}`;
}

export function startsWithMarker(text: string): boolean {
  return readHeading(text) !== null || readOrdinal(text) !== null;
}

/** Heading text as stored: trailing sentence punctuation dropped, inner punctuation kept. */
export function cleanTitle(text: string): string {
  return text.replace(/[\s。．.；;：:，,、]+$/u, '').trim();
}

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'], ['‘', '’'], ['《', '》'], ['（', '）'], ['(', ')'], ['「', '」'], ['『', '』'],
];

/** True when every opening quote/bracket is closed, i.e. the text can end here. */
export function isBalanced(text: string): boolean {
  return PAIRS.every(([open, close]) => text.split(open).length === text.split(close).length);
}
