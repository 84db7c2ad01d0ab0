import type { ProblemStatus } from '../domain/problem-types';
import type { Block, HeadingLevel } from './blocks';
import type { ReportProblem } from './model';
import { cnDate, cnOrdinal, headingText, plainOrdinals, sentence } from './wording';

// One problem as the report prints it:
//
//   （1）大额资金支出未经集体决策。
//   整改情况：一是修订“三重一大”决策制度。二是清查2023年以来大额支出。
//
// or, when unfinished, 目前进展 (status, the latest progress note, measure counts) ending in
// "主要措施：" before the same 一是…二是… list, then 承诺整改时限. A lead-in that ends in a colon
// only introduces the list, so readers and parseReport take exactly the ledger's measures.

const STATUS_PHRASE: Record<ProblemStatus, string> = {
  assigned: '已明确责任领导、责任科室和责任人，正在推进整改。',
  planning: '正在研究制定整改措施。',
  plan_review: '整改措施已拟定，正在审定。',
  in_progress: '',
  leader_review: '整改措施已落实，正在履行销号审核程序。',
  office_verification: '整改措施已落实，正在履行销号审核程序。',
  head_approval: '整改措施已落实，正在履行销号审核程序。',
  phase_complete: '阶段性整改任务已完成，需长期坚持。',
  // Closed after the report date: still in progress on that day.
  closed: '',
};

/** 一是…。二是…。 with every ordinal the writer's own. */
export function measureList(texts: readonly string[]): string {
  return texts.map((t, i) => cnOrdinal(i + 1) + sentence(plainOrdinals(t))).join('');
}

function measureCounts(p: ReportProblem): string {
  const total = p.measures.length;
  const done = p.measures.filter((m) => m.done).length;
  if (done === total) return `${total}条整改措施已全部完成。`;
  return done > 0 ? `已完成整改措施${done}条，正在推进${total - done}条。` : `${total}条整改措施正在推进。`;
}

/** The committed deadline; long-term items without a date "长期坚持" (the parser reads null). */
export function deadlineText(p: ReportProblem): string {
  return p.deadline ? cnDate(p.deadline) : '长期坚持';
}

export function problemBlocks(p: ReportProblem, n: number, level: HeadingLevel): Block[] {
  const head: Block = { kind: 'heading', level, role: 'problem', text: `（${n}）${headingText(p.title)}。` };
  const list = measureList(p.measures.map((m) => m.text));
  if (p.completed) return list === '' ? [head] : [head, { kind: 'paragraph', role: 'measures', text: `整改情况：${list}` }];
  if (list === '') {
    // Nothing to list yet: the note rides in the deadline clause, which the parser cuts out whole.
    return [head, { kind: 'paragraph', role: 'deadline', text: `承诺整改时限：${deadlineText(p)}（整改措施正在制定中）` }];
  }
  const note = p.progress ? sentence(plainOrdinals(p.progress)) : '';
  return [
    head,
    { kind: 'paragraph', role: 'progress', text: `目前进展：${STATUS_PHRASE[p.status]}${note}${measureCounts(p)}主要措施：${list}` },
    { kind: 'paragraph', role: 'deadline', text: `承诺整改时限：${deadlineText(p)}` },
  ];
}
