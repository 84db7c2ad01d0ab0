import { isBalanced, startsWithMarker } from './markers';

// Turns raw report text into paragraphs. Three kinds of damage are repaired here so that the
// structural parser never sees them: Word bookmark residue, PDF page markers, and hard line
// breaks inside sentences (PDF conversions wrap every line at the page width).

const BOOKMARK = /\[bookmark:[^\]\n]*\]/gi;
const DASH = '[—–\\-－―─]+';
const PAGE_MARKER = new RegExp(`^${DASH}\\s*\\d{1,4}\\s*${DASH}$`);
const PAGE_OF = /^第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?$/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const ODD_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
/** A line ending like this closes its sentence, so it cannot be a wrap in mid-sentence. */
const ENDED = /[。！？；：!?;:…][”’」』）)》]*$/;

/** Fraction of the wrap width from which a line counts as "filled up to the margin". */
const FULL = 0.85;
const MIN_WRAPPED_LINES = 8;

export function cleanLines(text: string): string[] {
  return text
    .replace(INVISIBLE, '')
    .replace(ODD_SPACE, ' ')
    .replace(BOOKMARK, '')
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !PAGE_MARKER.test(line) && !PAGE_OF.test(line));
}

/** Printed width: CJK glyphs are twice as wide as ASCII; spaces are PDF layout noise. */
export function visualWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (/\s/.test(ch)) continue;
    width += ch.charCodeAt(0) <= 0x7f ? 1 : 2;
  }
  return width;
}

/**
 * The page width a hard-wrapped document was wrapped at, or null when lines are paragraphs.
 * The tell is lines that reach the margin while their sentence goes on: common in a wrapped text
 * (a quarter to most of its lines), absent from a paragraph-per-line text, whose only
 * unpunctuated lines are headings, far shorter than its long paragraph lines.
 */
export function detectWrapWidth(lines: readonly string[]): number | null {
  if (lines.length < MIN_WRAPPED_LINES) return null;
  const widths = lines.map(visualWidth);
  const sorted = [...widths].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0;
  if (p90 < 20 || p90 > 160) return null;
  const cutMidSentence = lines.filter((line, i) => !ENDED.test(line) && (widths[i] ?? 0) >= FULL * p90).length;
  return cutMidSentence / lines.length >= 0.25 ? p90 : null;
}

/**
 * Removes whitespace next to any non-ASCII character (the PDF conversion writes "2024 年 3 月")
 * and collapses the rest, which can only sit between ASCII words, to one space.
 */
export function squeezeSpaces(text: string): string {
  return text.replace(/\s+/g, (run: string, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + run.length];
    if (before === undefined || after === undefined) return '';
    return before.charCodeAt(0) <= 0x7f && after.charCodeAt(0) <= 0x7f ? ' ' : '';
  });
}

function joinWrapped(head: string, tail: string): string {
  return /[A-Za-z]$/.test(head) && /^[A-Za-z]/.test(tail) ? `${head} ${tail}` : head + tail;
}

function continuesLine(prev: string, line: string, paragraph: string, wrapWidth: number): boolean {
  if (ENDED.test(prev) || visualWidth(prev) < FULL * wrapWidth) return false;
  // A full line can still end a heading exactly at the margin; a marker after a complete
  // (balanced) paragraph is then a new item, not the rest of the sentence.
  return !(startsWithMarker(line) && isBalanced(paragraph));
}

export function toParagraphs(text: string): string[] {
  const lines = cleanLines(text);
  const wrapWidth = detectWrapWidth(lines);
  const paragraphs: string[] = [];
  let current = '';
  let prev = '';
  for (const line of lines) {
    if (current !== '' && wrapWidth !== null && continuesLine(prev, line, current, wrapWidth)) {
      current = joinWrapped(current, line);
    } else {
      if (current !== '') paragraphs.push(current);
      current = line;
    }
    prev = line;
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs.map(squeezeSpaces).filter((p) => p !== '');
}
