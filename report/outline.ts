import { isDateLine, isSignature } from './dates';
import { cleanTitle, readHeading } from './markers';

// The report's top level: title + preamble, the 一、二、三、 sections, and the closing block
// (invitation to supervise, contacts, signature, date) that must never leak into a measure.

export interface Section {
  num: number;
  title: string;
  paragraphs: string[];
}

export interface Outline {
  /** Title lines (before the first sentence). */
  title: string[];
  /** Sentences before the first section. */
  preamble: string[];
  sections: Section[];
  closing: string[];
}

const CLOSING = /^(?:欢迎|如有意见|联系方式|联系电话|联系人|公开期限|特此通报|附件)/;

export function isClosing(paragraph: string): boolean {
  return CLOSING.test(paragraph) || isDateLine(paragraph) || (isSignature(paragraph) && !readHeading(paragraph));
}

function sectionHeading(paragraph: string, last: number | null): { num: number; title: string } | null {
  const h = readHeading(paragraph);
  if (!h || h.kind !== 'section' || paragraph.length > 80) return null;
  if (/[。！？]/.test(paragraph.slice(0, -1))) return null;
  // Top-level numbering only moves forward; a "三、" that does not fit is an item inside a
  // section (or an enumeration in a sentence), not a new section.
  if (last !== null && (h.num <= last || h.num > last + 2)) return null;
  return { num: h.num, title: cleanTitle(h.rest) };
}

/** Title lines are the leading lines that are not yet sentences (no 。, no "根据…"). */
function titleLength(paragraphs: readonly string[]): number {
  let n = 0;
  while (n < Math.min(3, paragraphs.length)) {
    const p = paragraphs[n] ?? '';
    if (/[。！？]/.test(p) || /^(?:根据|按照|为|经)/.test(p) || readHeading(p)) break;
    n += 1;
  }
  return n;
}

export function outline(paragraphs: readonly string[]): Outline {
  const titleLines = titleLength(paragraphs);
  const result: Outline = { title: paragraphs.slice(0, titleLines), preamble: [], sections: [], closing: [] };
  let current: Section | null = null;
  for (let i = titleLines; i < paragraphs.length; i++) {
    const p = paragraphs[i] ?? '';
    if (isClosing(p)) {
      result.closing = paragraphs.slice(i);
      break;
    }
    const heading = sectionHeading(p, current?.num ?? null);
    if (heading) {
      current = { ...heading, paragraphs: [] };
      result.sections.push(current);
    } else if (current) {
      current.paragraphs.push(p);
    } else {
      result.preamble.push(p);
    }
  }
  return result;
}
