import { isDateLine, isSignature } from './dates';
import { cleanTitle, readHeading } from './markers';
import type { ProblemStatus } from './schema';

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

// What section and heading titles say, for where numbering alone cannot tell the level.
const PROGRESS_TITLE = /进展|落实情况|整改情况|完成情况|整改工作情况|反馈意见整改|问题整改/;
const NOT_PROGRESS_TITLE = /总体|基本情况|主体责任|组织领导|下一步|打算|今后|计划/;
const NEXT_STEPS = /下一步|打算|今后|计划|努力方向|工作思路|体会/;
const ASPECT_TITLE = /^关于|^在.*方面|方面$|方面的|问题$|的整改$/;
const COMPLETED_PART = /^(?:已完成|已整改|已经完成|已基本完成|已销号|完成整改)/;
const UNFINISHED_PART = /^(?:未完成|未整改|尚未|正在整改|正在推进|持续整改|未能|需长期|长期坚持|长期整改)/;
const PART_NOUN = /事项|问题|任务|情况|清单/;

/** 已完成整改事项 → completed, 未整改到位事项… → unfinished; null for any other title. */
export function partStatus(title: string): ProblemStatus | null {
  if (title.length > 40 || !PART_NOUN.test(title)) return null;
  if (UNFINISHED_PART.test(title)) return 'unfinished';
  return COMPLETED_PART.test(title) ? 'completed' : null;
}

export function isProgressTitle(title: string): boolean {
  return partStatus(title) !== null || (PROGRESS_TITLE.test(title) && !NOT_PROGRESS_TITLE.test(title));
}

/** A title naming an aspect (关于…, 在…方面, …问题, …的整改) rather than a part or the next steps. */
export function namesAspect(title: string): boolean {
  return ASPECT_TITLE.test(title) && !NEXT_STEPS.test(title) && partStatus(title) === null;
}

export function isClosing(paragraph: string): boolean {
  return CLOSING.test(paragraph) || isDateLine(paragraph) || (isSignature(paragraph) && !readHeading(paragraph));
}

function sectionHeading(paragraph: string, current: Section | null): { num: number; title: string } | null {
  const h = readHeading(paragraph);
  if (!h || h.kind !== 'section' || paragraph.length > 80) return null;
  if (/[。！？]/.test(paragraph.slice(0, -1))) return null;
  const title = cleanTitle(h.rest);
  // Aspects may be numbered 一、二、三、 like the sections around them, and their count runs past
  // the next section's number. Inside the progress part such a heading is an aspect, whatever its
  // number, so the real "三、下一步打算" after "十一、关于…的整改" is still a section.
  if (current && isProgressTitle(current.title) && namesAspect(title)) return null;
  // Top-level numbering only moves forward; a "三、" that does not fit is an item inside a
  // section (or an enumeration in a sentence), not a new section.
  const last = current?.num ?? null;
  if (last !== null && (h.num <= last || h.num > last + 2)) return null;
  return { num: h.num, title };
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
    const heading = sectionHeading(p, current);
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
