import { cnNumber } from './markers';

// Dates in reports: "2024年9月26日", year-less "10月30日" after a dated range, Chinese-numeral
// signature dates ("二〇二五年四月七日") and loose deadlines ("2025年底", "2025年12月底").

export function toIso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): string | null {
  return toIso(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

const YEAR_DIGITS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

/** "二〇二五年四月七日" → "2025年4月7日"; arabic dates pass through unchanged. */
export function arabicizeDate(text: string): string {
  return text
    .replace(/([〇零一二三四五六七八九]{4})年/g, (_m: string, y: string) =>
      `${[...y].map((c) => YEAR_DIGITS[c] ?? c).join('')}年`)
    .replace(/(?<=^|[年月\d])([一二三四五六七八九十]{1,3})(月|日)/g, (m: string, n: string, unit: string) => {
      const value = cnNumber(n);
      return value === null ? m : `${value}${unit}`;
    });
}

const FULL_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

export function parseFullDate(text: string): string | null {
  const m = FULL_DATE.exec(arabicizeDate(text.replace(/\s+/g, '')));
  return m ? toIso(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function isDateLine(text: string): boolean {
  return parseFullDate(text) !== null;
}

/**
 * A committed deadline. Month-level or year-level promises ("2025年12月底", "2025年底") mean
 * the last day of that period; anything without a year ("长期坚持") has no date.
 */
export function parseDeadline(raw: string): string | null {
  const text = arabicizeDate(raw.replace(/\s+/g, ''));
  let m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text) ?? /(\d{4})[.\-/／](\d{1,2})[.\-/／](\d{1,2})/.exec(text);
  if (m) return toIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(\d{4})年(\d{1,2})月/.exec(text);
  if (m) return lastDayOfMonth(Number(m[1]), Number(m[2]));
  m = /(\d{4})年上半年/.exec(text);
  if (m) return toIso(Number(m[1]), 6, 30);
  m = /(\d{4})年(?:底|末|年底|下半年|内)?/.exec(text);
  return m ? toIso(Number(m[1]), 12, 31) : null;
}

// A mention like "2024年3月底", "9月14日" or "10月30日"; year and day optional.
const MENTION = /(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?/g;

/**
 * The date the inspection team fed back its findings: in the first sentence that speaks of
 * feedback (反馈) and holds a day-precise date, the last such date before "反馈" (else the first
 * after it). A date without a year takes the year of the dates before it, rolling over to the
 * next year when its month is earlier than theirs (an inspection in Nov–Dec, feedback in Jan).
 */
export function findFeedbackDate(paragraphs: readonly string[]): string | null {
  let year: number | null = null;
  let month = 0;
  for (const sentence of arabicizeDate(paragraphs.join('')).split(/[。！？]/)) {
    const dated: Array<{ at: number; iso: string }> = [];
    for (const m of sentence.matchAll(MENTION)) {
      const mon = Number(m[2]);
      if (mon < 1 || mon > 12) continue;
      if (m[1] !== undefined) year = Number(m[1]);
      else if (year !== null && mon < month) year += 1;
      month = mon;
      const iso = year !== null && m[3] !== undefined ? toIso(year, mon, Number(m[3])) : null;
      if (iso) dated.push({ at: m.index ?? 0, iso });
    }
    const at = sentence.indexOf('反馈');
    if (at < 0 || dated.length === 0) continue;
    const before = dated.filter((d) => d.at < at);
    return (before[before.length - 1] ?? dated[0])?.iso ?? null;
  }
  return null;
}

const SIGNATURE_TAIL = /(?:委员会|党委|党总支|党支部|党组|办公室|领导小组)$/;

/** A signature line: the issuing body alone, without sentence punctuation. */
export function isSignature(text: string): boolean {
  return text.length <= 40 && !/[，。；：,;:！？]/.test(text) && SIGNATURE_TAIL.test(text);
}

/**
 * The report's own date: a date standing alone (or right after the signature) in the block of
 * signature/date lines at the very end. Dates in contact lines or deadlines do not count.
 */
export function findIssuedDate(paragraphs: readonly string[]): string | null {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const p = paragraphs[i] ?? '';
    const signed = /^(.*?(?:委员会|党委|党总支|党支部|党组|办公室|领导小组))(.+)$/.exec(p);
    const iso = parseFullDate(p) ?? (signed?.[2] !== undefined ? parseFullDate(signed[2]) : null);
    if (iso) return iso;
    if (!isSignature(p)) return null;
  }
  return null;
}
