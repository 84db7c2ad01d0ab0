import { cnNumber } from './markers';
import type { ReportFigures } from './schema';
import { OUTCOME_KEYS, type OutcomeKey } from '../domain/outcomes';

// Headline figures ("巡察反馈的71个问题…已完成整改68个，未完成整改3个；制定的210条措施，
// 已完成206条；建立完善规章制度56个，挽回资金损失88.04万元，党纪处分3人…").
//
// The text is cut into clauses, each clause into counted quantities ("68个", "3人", "88.04万元").
// A quantity is classified by the words just before it (or, for the last one in a clause, just
// after it). Completion counts often omit their noun ("已完成整改68个"), so the last noun seen
// (问题 or 措施) carries over as the subject. The first value found for a figure wins: later
// mentions are usually sub-counts ("其中…责令检查1人").

type Subject = 'problems' | 'measures' | null;

const QUANTITY =
  /(\d+(?:\.\d+)?)\s*(亿元|万元|元|人次|人|名|个|项|条|件|处)|([一二两三四五六七八九十]+)\s*(人次|人|名)/g;
const FUNDS = /挽回|追回|收回|清退|退还|退缴|追缴|挽损/;
const REGULATION = /制度|建章立制|规章/;
const UNFINISHED = /未完成|未整改|未到位|尚未|正在|推进中|持续整改|持续推进|长期|其余|剩余|未销号/;
const COMPLETED = /已完成|已整改|已经整改|已销号|已办结|完成整改|整改完成|整改到位|已落实|已全部|均已|全部完成/;
const NOUN = /问题(?!线索)|措施|任务/g;
const NOUN_AFTER = /^(?:具体|整改|反馈)?(问题(?!线索)|措施|任务)/;

export function emptyFigures(): ReportFigures {
  return {
    problems: null, problemsCompleted: null, problemsUnfinished: null, measures: null,
    measuresCompleted: null, ...(Object.fromEntries(OUTCOME_KEYS.map((k) => [k, null])) as Record<OutcomeKey, null>),
  };
}

function nounOf(word: string | undefined): Subject {
  if (word === undefined) return null;
  return word.startsWith('问题') ? 'problems' : 'measures';
}

function lastNoun(text: string): Subject {
  const all = [...text.matchAll(NOUN)];
  return nounOf(all[all.length - 1]?.[0]);
}

function discipline(text: string, nearestLast: boolean): keyof ReportFigures | null {
  const hits: Array<[number, keyof ReportFigures]> = [];
  for (const [re, key] of [
    [/党纪/g, 'partyDiscipline'],
    [/诫勉/g, 'admonishment'],
    [/责令|书面检查/g, 'orderedSelfCriticism'],
  ] as const) {
    for (const m of text.matchAll(re)) hits.push([m.index ?? 0, key]);
  }
  hits.sort((a, b) => a[0] - b[0]);
  return (nearestLast ? hits[hits.length - 1] : hits[0])?.[1] ?? null;
}

function toWan(value: number, unit: string): number {
  const wan = unit === '亿元' ? value * 10000 : unit === '元' ? value / 10000 : value;
  return Math.round(wan * 1e6) / 1e6;
}

export function extractFigures(paragraphs: readonly string[]): ReportFigures {
  const figures = emptyFigures();
  const set = (key: keyof ReportFigures, value: number): void => {
    if (figures[key] === null) figures[key] = value;
  };
  // Parenthetical asides ("（含审计中发现尚未整改到位3个问题）") are sub-counts, never headlines.
  const text = paragraphs.join('。').replace(/[（(][^（）()]*[）)]/g, '');
  let subject: Subject = null;
  for (const clause of text.split(/[，,；;。：:！？!?、]/)) {
    const found = [...clause.matchAll(QUANTITY)];
    found.forEach((m, i) => {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const prevEnd = i === 0 ? 0 : (found[i - 1]?.index ?? 0) + (found[i - 1]?.[0].length ?? 0);
      const pre = clause.slice(prevEnd, start);
      const isLast = i === found.length - 1;
      const post = clause.slice(end, isLast ? clause.length : (found[i + 1]?.index ?? clause.length));
      const unit = m[2] ?? m[4] ?? '';
      const value = m[1] !== undefined ? Number(m[1]) : cnNumber(m[3] ?? '');
      if (value === null) return;
      if (unit.endsWith('元')) {
        if (FUNDS.test(pre + post)) set('fundsRecoveredWan', toWan(value, unit));
        subject = null;
      } else if (unit === '人' || unit === '人次' || unit === '名') {
        const key = discipline(pre, true) ?? discipline(post, false);
        if (key) set(key, value);
        subject = null;
      } else if (REGULATION.test(pre) || /^(?:规章)?制度/.test(post)) {
        set('regulations', value);
        subject = null;
      } else {
        subject = countItems(value, pre, post, isLast, subject, set);
      }
    });
  }
  return figures;
}

/** A count of problems or measures: total, completed or unfinished. Returns the new subject. */
function countItems(
  value: number,
  pre: string,
  post: string,
  isLast: boolean,
  subject: Subject,
  set: (key: keyof ReportFigures, value: number) => void,
): Subject {
  const noun = nounOf(NOUN_AFTER.exec(post)?.[1]) ?? lastNoun(pre);
  // Status words after the quantity belong to it only when no other quantity follows
  // ("3个问题正在推进"); otherwise they introduce the next one ("25个问题已完成整改22个").
  const statusText = UNFINISHED.test(pre) || COMPLETED.test(pre) || !isLast ? pre : post;
  const status = UNFINISHED.test(statusText) ? 'unfinished' : COMPLETED.test(statusText) ? 'completed' : null;
  const target = noun ?? subject;
  if (target === 'problems') {
    if (status === 'unfinished') set('problemsUnfinished', value);
    else if (status === 'completed') set('problemsCompleted', value);
    else set('problems', value);
  } else if (target === 'measures') {
    if (status === 'completed') set('measuresCompleted', value);
    else if (status === null) set('measures', value);
  }
  // "71个问题已全部整改完成" states both the total and its completion.
  if (noun && status === 'completed' && statusText === post && /全部|均/.test(post)) {
    set(noun, value);
  }
  return noun ?? (status ? subject : null);
}
