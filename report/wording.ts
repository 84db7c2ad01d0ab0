import { ordinalWord } from './markers';

// Small pieces of official-document wording shared by the report writer. Every text from the
// ledger passes through these before it is printed, because the published report is also read
// back by parseReport: a stray line break or an "。二是" inside a measure would change what a
// reader (or the parser) takes for the structure.

/** '2025-03-20' → '2025年3月20日'. */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An inspection period, the year written once when it does not change: '2024年9月2日至10月31日'. */
export function cnRange(start: string, end: string): string {
  const tail = start.slice(0, 4) === end.slice(0, 4) ? cnDate(end).replace(/^\d+年/, '') : cnDate(end);
  return `${cnDate(start)}至${tail}`;
}

/**
 * One paragraph: a line break would start a new paragraph, and spaces next to Chinese are
 * typing noise. Other whitespace runs (between ASCII words) become one space.
 */
export function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, (run: string, at: number, whole: string) => {
    const before = whole[at - 1] ?? '';
    const after = whole[at + run.length] ?? '';
    return /^[\x21-\x7e]$/.test(before) && /^[\x21-\x7e]$/.test(after) ? ' ' : '';
  });
}

const ENDS_SENTENCE = /[。！？!?；;…][”’」』）)》]*$/;

/** The text as a finished sentence: trailing commas or colons dropped, 。 added when nothing ends it. */
export function sentence(text: string): string {
  const t = oneLine(text).replace(/[，,、：:\s]+$/, '');
  if (t === '') return '';
  return ENDS_SENTENCE.test(t) ? t : `${t}。`;
}

/** Heading text without final punctuation (the marker and a 。 are added by the writer). */
export function headingText(text: string): string {
  return oneLine(text).replace(/[。．.；;：:，,、\s]+$/, '');
}

const ORDINAL_AFTER_BREAK = /(^|[。；;：:！？!?])([一二三四五六七八九十]{1,3})是/g;

/**
 * Ordinals written by hand inside a measure or a progress note ("…：一是…；二是…") are rewritten
 * as 其一，其二: in the report only the writer's own 一是/二是 may number the measures.
 */
export function plainOrdinals(text: string): string {
  return text.replace(ORDINAL_AFTER_BREAK, (_m: string, lead: string, num: string) => `${lead}其${num}，`);
}

/** 万元 with at most two decimals and no trailing zeros: 12.35, 0.5, 3. */
export function wan(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** （一）, （十二）: the second-level marker. */
export function cnParen(n: number): string {
  return `（${ordinalWord(n)}）`;
}

/** 一、: the first-level marker. */
export function cnSection(n: number): string {
  return `${ordinalWord(n)}、`;
}

/** 一是, 二是 … 十一是: how measures are counted. */
export function cnOrdinal(n: number): string {
  return `${ordinalWord(n)}是`;
}
