import { LABEL_WORDS, readProblemBody, takeDeadline } from './measures';
import { cleanTitle, readHeading, readOrdinal, type Heading, type HeadingKind } from './markers';
import { isProgressTitle, namesAspect, partStatus, type Outline, type Section } from './outline';
import type { ParsedAspect, ParsedProblem, ProblemStatus } from './schema';

// The progress part (二、…): optional completed/unfinished parts, aspects, problems.
//
// Heading levels are inferred from marker shapes per part, not fixed: one report uses
// （一）aspects + 1.problems, another 1.aspects + （1）problems, and some mix styles from one
// aspect to the next. The shapes give the levels first (see `levels`); a heading whose shape
// says otherwise is still an aspect when its title names one and a problem heading follows it
// (see `role`).

// An unnumbered aspect heading is one phrase (no sentence stop): 关于…方面 / 在…方面, or
// 关于“…问题”的整改 (Dezhou's aspect titles without their （一）).
const UNNUMBERED_ASPECT =
  /^(?:关于|在)[^。！？；]{2,80}方面(?:的问题|问题|的整改|整改情况)?$|^关于[^。！？；]{2,80}(?:问题|的整改)[”’]?(?:的整改)?$/;
const BODY_LEAD = new RegExp(`^(?:${LABEL_WORDS})\\s*[:：]`);
const INLINE_BODY = new RegExp(`(?:${LABEL_WORDS})\\s*[:：]|(?<=[。；;：:])一是`);

type Kind = HeadingKind | 'aspectText';
interface Entry {
  text: string;
  heading: (Omit<Heading, 'kind'> & { kind: Kind }) | null;
}

export interface Progress {
  aspects: ParsedAspect[];
  /**
   * Progress text before the first aspect or problem: headline figures may sit there. Later
   * text outside problems (an aspect's intro) only holds local sub-counts and is dropped.
   */
  intro: string[];
}

function sectionEntry(s: Section): Entry {
  return { text: s.title, heading: { kind: 'section', num: s.num, rest: s.title } };
}

/** Sections holding progress: the progress section plus following part- or aspect-like ones. */
export function progressSections(sections: readonly Section[]): Section[] {
  let start = sections.findIndex((s) => isProgressTitle(s.title));
  if (start < 0) start = sections.findIndex((s) => s.num === 2);
  if (start < 0) return [];
  let end = start + 1;
  for (; end < sections.length; end++) {
    const title = sections[end]?.title ?? '';
    if (partStatus(title) === null && !namesAspect(title)) break;
  }
  return sections.slice(start, end);
}

function toEntries(sections: readonly Section[]): Entry[] {
  const entries: Entry[] = [];
  sections.forEach((s, i) => {
    // The first section's own title is only structure when it is itself a part heading.
    if (i > 0 || partStatus(s.title) !== null) entries.push(sectionEntry(s));
    for (const text of s.paragraphs) {
      const heading = readHeading(text);
      const unnumbered = !heading && UNNUMBERED_ASPECT.test(text);
      entries.push({ text, heading: unnumbered ? { kind: 'aspectText', num: 0, rest: text } : heading });
    }
  });
  return entries;
}

interface Part {
  status: ProblemStatus | null;
  title: string;
  entries: Entry[];
}

function splitParts(entries: readonly Entry[], defaultTitle: string): Part[] {
  const topKind = entries.find((e) => e.heading)?.heading?.kind;
  const parts: Part[] = [{ status: null, title: defaultTitle, entries: [] }];
  for (const e of entries) {
    const h = e.heading;
    const status = h && (h.kind === topKind || h.kind === 'section') ? partStatus(cleanTitle(h.rest)) : null;
    if (h && status) parts.push({ status, title: cleanTitle(h.rest), entries: [] });
    else parts[parts.length - 1]?.entries.push(e);
  }
  return parts;
}

/**
 * The kind of the next heading after entry `at`, skipping an aspect's intro sentences; null when
 * measure text (一是…, 整改情况：…) comes first, which marks `at` as a problem heading.
 */
function nextHeadingKind(entries: readonly Entry[], at: number): Kind | null {
  for (let j = at + 1; j < entries.length; j++) {
    const e = entries[j];
    if (e?.heading) return e.heading.kind;
    if (!e || readOrdinal(e.text) || BODY_LEAD.test(e.text)) return null;
  }
  return null;
}

interface Levels {
  aspect: Set<Kind>;
  problem: Kind | null;
}

/**
 * Levels by shape: the first shape whose headings are mostly followed directly by a heading of
 * another shape is the aspect level (and so on); the first that is not is the problem level.
 */
function levels(entries: readonly Entry[]): Levels {
  const aspect = new Set<Kind>(['section', 'aspectText']);
  const order: Kind[] = [];
  for (const e of entries) if (e.heading && !order.includes(e.heading.kind)) order.push(e.heading.kind);
  const numbered = order.filter((k) => !aspect.has(k));
  for (const [i, kind] of numbered.entries()) {
    let followed = 0;
    let total = 0;
    entries.forEach((e, j) => {
      if (e.heading?.kind !== kind) return;
      total += 1;
      const next = nextHeadingKind(entries, j);
      if (next !== null && next !== kind && !aspect.has(next)) followed += 1;
    });
    if (i < numbered.length - 1 && followed * 2 >= total) aspect.add(kind);
    else return { aspect, problem: kind };
  }
  return { aspect, problem: null };
}

/**
 * What the heading of entry `at` is. Besides the shapes of `levels`, a heading of another shape,
 * or of the problem shape, is an aspect when it reads as one: a phrase (no sentence stop) naming
 * an aspect, followed by a problem heading. Mixed styles ("（一）… (二)… 三、… 4.…") and
 * aspects numbered like the problems are read this way; a（1）list inside a measure is not.
 */
function role(entries: readonly Entry[], at: number, lv: Levels): 'aspect' | 'problem' | null {
  const h = entries[at]?.heading;
  if (!h) return null;
  if (lv.aspect.has(h.kind)) return 'aspect';
  const named = namesAspect(cleanTitle(h.rest)) && !/[。！？]/.test(h.rest);
  // Same shape as the problems: only a bare heading line right before a problem heading, since
  // a problem whose body is plain text would also be "followed" by the next problem.
  if (h.kind === lv.problem) return named && entries[at + 1]?.heading?.kind === lv.problem ? 'aspect' : 'problem';
  return named && nextHeadingKind(entries, at) === lv.problem ? 'aspect' : null;
}

function splitHeading(rest: string): { title: string; body: string[]; deadline: string | null } {
  const { rest: text, deadline } = takeDeadline(rest);
  const m = INLINE_BODY.exec(text);
  if (!m || m.index === 0) return { title: cleanTitle(text), body: [], deadline };
  return { title: cleanTitle(text.slice(0, m.index)), body: [text.slice(m.index)], deadline };
}

function readPart(part: Part, out: Progress): void {
  const lv = levels(part.entries);
  let aspect: ParsedAspect | null = null;
  let open: { problem: ParsedProblem; body: string[] } | null = null;
  const close = (): void => {
    if (!open) return;
    const read = readProblemBody(open.body);
    open.problem.measures = read.measures;
    open.problem.committedDeadline = read.committedDeadline ?? open.problem.committedDeadline;
    open = null;
  };
  part.entries.forEach((e, at) => {
    const h = e.heading;
    const is = role(part.entries, at, lv);
    if (h && is === 'aspect') {
      close();
      aspect = { title: cleanTitle(h.rest) || e.text, problems: [] };
      out.aspects.push(aspect);
    } else if (h && is === 'problem') {
      close();
      if (!aspect) {
        // Problems listed without aspect headings form one aspect named after their part.
        aspect = { title: part.title, problems: [] };
        out.aspects.push(aspect);
      }
      const head = splitHeading(h.rest);
      const problem: ParsedProblem = {
        title: head.title || e.text,
        status: part.status,
        committedDeadline: head.deadline,
        measures: [],
      };
      aspect.problems.push(problem);
      open = { problem, body: head.body };
    } else if (open) {
      open.body.push(e.text);
    } else if (out.aspects.length === 0) {
      out.intro.push(e.text);
    }
  });
  close();
}

export function readProgress(outline: Outline): Progress | null {
  const sections = progressSections(outline.sections);
  const out: Progress = { aspects: [], intro: [] };
  let entries: Entry[];
  let title: string;
  if (sections.length > 0) {
    entries = toEntries(sections);
    title = sections[0]?.title ?? '';
  } else if (outline.sections.length === 0) {
    // No 一、二、 skeleton at all: look for aspects and problems right after the preamble.
    entries = toEntries([{ num: 0, title: '', paragraphs: outline.preamble }]);
    title = outline.title.join('');
  } else {
    return null;
  }
  for (const part of splitParts(entries, title)) readPart(part, out);
  return out;
}
