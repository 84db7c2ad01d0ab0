import type { ParsedReport } from '../../report/parse';

// Variants of a real report whose heading *numbering* is rewritten and nothing else, so each one
// must parse to the report's hand-written expectation. Aspect headings are re-rendered in every
// numbering style published reports use, one style per report or mixed within a report (with
// skipped, repeated and restarted numbers); problem headings keep the seed's markers or take
// another style. The generator never calls the parser: it finds heading lines from the expected
// JSON (a marker followed by the start of the expected title), so a parser bug cannot hide here.

export type Shape = 'cnParen' | 'cnComma' | 'arDot' | 'arParen' | 'circled' | 'none';
export interface Style {
  name: string;
  /** Styles of one shape are the same level to a reader: 1. 1、 1． １． are all "1.". */
  shape: Shape;
  marker: (n: number) => string;
}

const CN = '〇一二三四五六七八九';
function cn(n: number): string {
  if (n < 10) return CN[n] ?? '';
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : (CN[tens] ?? '')}十${n % 10 ? (CN[n % 10] ?? '') : ''}`;
}
const fullDigits = (n: number): string => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

export const STYLES: readonly Style[] = [
  { name: '（一）', shape: 'cnParen', marker: (n) => `（${cn(n)}）` },
  { name: '(一)', shape: 'cnParen', marker: (n) => `(${cn(n)})` },
  { name: '一、', shape: 'cnComma', marker: (n) => `${cn(n)}、` },
  { name: '1.', shape: 'arDot', marker: (n) => `${n}.` },
  { name: '1、', shape: 'arDot', marker: (n) => `${n}、` },
  { name: '1．', shape: 'arDot', marker: (n) => `${n}．` },
  { name: '１．', shape: 'arDot', marker: (n) => `${fullDigits(n)}．` },
  { name: '（1）', shape: 'arParen', marker: (n) => `（${n}）` },
  { name: '(1)', shape: 'arParen', marker: (n) => `(${n})` },
  { name: '（１）', shape: 'arParen', marker: (n) => `（${fullDigits(n)}）` },
  { name: '①', shape: 'circled', marker: (n) => String.fromCharCode(0x245f + Math.min(n, 20)) },
  { name: '关于…方面', shape: 'none', marker: () => '' },
];
/** 一、 is the document's top level and an unnumbered line cannot head a problem. */
export const PROBLEM_STYLES = STYLES.filter((s) => s.shape !== 'cnComma' && s.shape !== 'none');

/** Without a number, only a 关于…/在…方面 line reads as a heading rather than prose. */
const fits = (style: Style, title: string): boolean => style.shape !== 'none' || /^(?:关于|在)/.test(title);

export interface Seed {
  name: string;
  text: string;
  expected: ParsedReport;
}
export interface Variant {
  name: string;
  text: string;
}

interface Heading {
  role: 'aspect' | 'problem';
  title: string;
  /** 1-based position among the report's aspect headings / within its aspect. */
  index: number;
  /** The number the seed printed (problems keep it unless their style changes). */
  num: number;
  line: number;
  /** Further lines of a heading hard-wrapped in a PDF conversion. */
  more: number[];
  prefix: string;
  rest: string;
}

const MARKER = /^(\s*(?:\[bookmark:[^\]]*\]\s*)*)([（(]\s*([一二三四五六七八九十\d]{1,3})\s*[）)]|([一二三四五六七八九十]{1,3}|\d{1,3})\s*[、．.]|[①-⑳])\s*/;
const squeeze = (s: string): string => s.replace(/\[bookmark:[^\]]*\]|\s/g, '');
// The aspect named after its part ("未整改到位事项…") is the part heading, not an aspect heading.
const PART_TITLE = /^(?:已完成|已整改|未整改|未完成|尚未)/;

/** Heading lines of every aspect and problem of `expected`, in document order. */
function locate(lines: readonly string[], expected: ParsedReport): Heading[] {
  const found: Heading[] = [];
  let cursor = 0;
  const find = (role: Heading['role'], title: string, index: number): void => {
    const want = squeeze(title);
    for (let i = cursor; i < lines.length; i++) {
      const m = MARKER.exec(lines[i] ?? '');
      let got = squeeze((lines[i] ?? '').slice(m?.[0].length ?? 0));
      if (!m || got === '' || !(want.startsWith(got) || got.startsWith(want))) continue;
      const more: number[] = [];
      for (let j = i + 1; j < lines.length && got.length < want.length; j++) {
        const next = got + squeeze(lines[j] ?? '');
        if (!want.startsWith(next) && !next.startsWith(want)) break;
        if (next !== got) more.push(j);
        got = next;
      }
      cursor = (more.at(-1) ?? i) + 1;
      const [whole, prefix = '', , paren, digits = paren ?? ''] = m;
      // Seeds number problems in Arabic digits; any other marker is renumbered by position.
      const num = /^\d+$/.test(digits) ? Number(digits) : index;
      found.push({ role, title, index, num, line: i, more, prefix, rest: (lines[i] ?? '').slice(whole.length) });
      return;
    }
    throw new Error(`variants: no heading line for “${title}”`);
  };
  let aspectNo = 0;
  for (const aspect of expected.aspects) {
    if (!PART_TITLE.test(aspect.title)) find('aspect', aspect.title, ++aspectNo);
    aspect.problems.forEach((p, k) => find('problem', p.title, k + 1));
  }
  return found;
}

const width = (s: string): number => [...s.replace(/\s/g, '')].reduce((w, ch) => w + (ch.charCodeAt(0) <= 0x7f ? 1 : 2), 0);

/** Re-wraps a heading at its page width, as a PDF conversion of the restyled report would. */
function rewrap(text: string, max: number): string[] {
  const out = [''];
  for (const ch of text) {
    if (width((out.at(-1) ?? '') + ch) > max) out.push('');
    out[out.length - 1] += ch;
  }
  return out;
}

type Pick = (h: Heading) => { style: Style; num: number } | null;

function render(lines: readonly string[], headings: readonly Heading[], pick: Pick): string {
  const out = [...lines];
  for (const h of headings) {
    const choice = pick(h);
    if (!choice) continue;
    const marker = choice.style.marker(choice.num);
    if (h.more.length === 0) {
      out[h.line] = h.prefix + marker + h.rest;
      continue;
    }
    const text = [h.rest, ...h.more.map((j) => (lines[j] ?? '').trim())].join('');
    const first = lines[h.line] ?? '';
    out[h.line] = h.prefix + rewrap(marker + text, width(first.slice(h.prefix.length))).join('\n\n');
    for (const j of h.more) out[j] = '';
  }
  return out.join('\n');
}

/** mulberry32: a tiny PRNG, seeded so the mixes are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const choose = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

/** A problem style is usable when each aspect's problems can be numbered in it (① stops at ⑳). */
function problemPick(style: Style | null, headings: readonly Heading[]): Pick | null {
  if (!style) return () => null;
  const most = Math.max(...headings.filter((h) => h.role === 'problem').map((h) => h.index));
  if (style.shape === 'circled' && most > 20) return null;
  return (h) => ({ style, num: style.shape === 'circled' ? h.index : h.num });
}

export function variants(seed: Seed, mixes = 40, prngSeed = 20250407): Variant[] {
  const lines = seed.text.split(/\r?\n/);
  const headings = locate(lines, seed.expected);
  const aspects = headings.filter((h) => h.role === 'aspect');
  const result: Variant[] = [];
  const seen = new Set<string>();
  const add = (name: string, aspect: Pick, problems: Style | null): void => {
    const problemOf = problemPick(problems, headings);
    if (!problemOf) return;
    const text = render(lines, headings, (h) => (h.role === 'problem' ? problemOf(h) : aspect(h)));
    // Restyling problems in the seed's own style changes nothing: keep one copy of each text.
    if (seen.has(text)) return;
    seen.add(text);
    result.push({ name: `${seed.name} ${name}`, text });
  };
  for (const style of STYLES) {
    const uniform: Pick = (h) => (fits(style, h.title) ? { style, num: h.index } : null);
    add(`aspects ${style.name}`, uniform, null);
    for (const p of PROBLEM_STYLES.filter((q) => q.shape !== style.shape)) add(`aspects ${style.name} problems ${p.name}`, uniform, p);
  }
  const usable = PROBLEM_STYLES.filter((p) => problemPick(p, headings));
  const rand = prng(prngSeed);
  for (let k = 0; k < mixes; k++) {
    const plan = new Map<Heading, { style: Style; num: number }>();
    let prev = 0;
    for (const h of aspects) {
      // Numbers as real reports get them wrong: mostly in order, sometimes repeated, skipped or restarted.
      const r = rand();
      const num = r < 0.6 ? h.index : r < 0.75 ? Math.max(prev, 1) : r < 0.9 ? prev + 2 : 1;
      plan.set(h, { style: choose(rand, STYLES.filter((s) => fits(s, h.title))), num });
      prev = num;
    }
    const problems = rand() < 0.5 ? null : choose(rand, usable);
    add(`mix ${k + 1}${problems ? ` problems ${problems.name}` : ''}`, (h) => plan.get(h) ?? null, problems);
  }
  return result;
}
