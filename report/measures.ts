import { parseDeadline } from './dates';
import { ordinalWord, readOrdinal } from './markers';

// A problem's body → its measures and committed deadline.
//
// Measures are the 一是/二是/… items. They may start paragraphs or run inline in one paragraph
// ("整改情况：一是……。二是……"); inline, only the *next expected* ordinal right after a sentence
// break starts a new item, so "统一是" or a quoted "一是" inside a sentence never splits.

/** Labels that introduce a problem's progress text ("整改情况：一是…"). */
export const LABEL_WORDS =
  '整改情况|整改措施|整改进展|整改落实情况|落实情况|进展情况|目前进展|当前进展|工作进展|主要措施|整改举措';
const LABEL = new RegExp(`^(?:${LABEL_WORDS})\\s*[:：]\\s*`);
// A deadline label starts a sentence or sits in parentheses; "明确整改时限：…" inside a sentence
// is part of a measure.
const DEADLINE =
  /(?:(?<=^|[。；;！？])|[（(])(?:承诺整改时限|承诺完成时限|承诺整改时间|承诺完成时间|承诺时限|整改时限|完成时限|计划完成时间)\s*[:：]\s*([^。；;）)]*)[）)]?[。；;]?/;
const SENTENCE_BREAK = /[。；;：:！？!?]/;
const LEAD_PUNCT = /^[，,：:、\s]+/;

export interface ProblemBody {
  measures: string[];
  committedDeadline: string | null;
}

/** Cuts a "承诺整改时限：…" clause out of a text; returns the rest and the parsed deadline. */
export function takeDeadline(text: string): { rest: string; deadline: string | null; found: boolean } {
  const m = DEADLINE.exec(text);
  if (!m) return { rest: text, deadline: null, found: false };
  const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim();
  return { rest, deadline: parseDeadline(m[1] ?? ''), found: true };
}

interface Piece {
  ordinal: boolean;
  text: string;
}

/** Splits one paragraph at its ordinals; `next` is the ordinal expected next, updated in place. */
function splitOrdinals(paragraph: string, next: { value: number }): Piece[] {
  const pieces: Piece[] = [];
  let text = paragraph;
  let ordinal = false;
  const lead = readOrdinal(text);
  if (lead) {
    // At a paragraph start any ordinal opens a measure: reports do skip or repeat numbers.
    text = lead.rest;
    ordinal = true;
    next.value = lead.num + 1;
  }
  for (;;) {
    const word = `${ordinalWord(next.value)}是`;
    let at = text.indexOf(word);
    while (at > 0 && !SENTENCE_BREAK.test(text[at - 1] ?? '')) at = text.indexOf(word, at + 1);
    if (at <= 0) break;
    pieces.push({ ordinal, text: text.slice(0, at) });
    text = text.slice(at + word.length);
    ordinal = true;
    next.value += 1;
  }
  pieces.push({ ordinal, text });
  return pieces
    .map((p) => ({ ordinal: p.ordinal, text: p.text.replace(LEAD_PUNCT, '').trim() }))
    .filter((p) => p.text !== '' || p.ordinal);
}

export function readProblemBody(paragraphs: readonly string[]): ProblemBody {
  const measures: string[] = [];
  const leadIn: string[] = [];
  let committedDeadline: string | null = null;
  const next = { value: 1 };
  for (const paragraph of paragraphs) {
    const { rest, deadline, found } = takeDeadline(paragraph);
    if (found) committedDeadline = deadline;
    const text = rest.replace(LABEL, '').trim();
    if (text === '') continue;
    for (const piece of splitOrdinals(text, next)) {
      const last = measures.length - 1;
      if (piece.ordinal) measures.push(piece.text);
      else if (last >= 0) measures[last] += piece.text;
      else leadIn.push(piece.text);
    }
  }
  const intro = leadIn.join('');
  // Progress written as plain paragraphs is one measure; text before 一是 is kept as its own
  // measure unless it merely announces the list ("采取了以下措施：").
  if (intro !== '' && (measures.length === 0 || !/[:：]$/.test(intro))) measures.unshift(intro);
  return { measures: measures.filter((m) => m !== ''), committedDeadline };
}
