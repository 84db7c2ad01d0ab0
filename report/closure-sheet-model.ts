import type { CalendarDate } from '../domain/dates';
import { UserError } from '../domain/errors';
import { sumOutcomes, type Outcomes } from '../domain/outcomes';
import { findPerson } from '../domain/problem';
import { STATUS_LABEL, type HistoryEntry, type ProblemData } from '../domain/problem-types';
import { KIND_LABEL } from '../domain/schemas';

// What the 对账销号单 shows, read from the problem workflow's state: the facts, the measures, the
// summed outcome figures, the evidence index the server hands in, and the three levels' decisions
// of the round that closed the problem. Pure, so it is tested without a server.

export interface ClosureEvidence {
  measureId: string;
  name: string;
  size: number;
  sha256: string;
  kind: 'file' | 'text';
  text?: string;
}

export interface ClosureOpinion {
  name: string;
  /** Beijing time, 'YYYY年M月D日 HH:mm'. */
  at: string;
  /** The approver's reason as written, or 同意销号. */
  opinion: string;
}

export type ClosureLevel = 'review' | 'verify' | 'approve';

export interface ClosureSheetInput {
  organisation: string;
  campaignName: string;
  /** Beijing time, 'YYYY年M月D日 HH:mm'. */
  printedAt: string;
  problem: {
    no: number;
    title: string;
    description: string;
    kindLabel: string;
    leaderName: string;
    department: string;
    ownerName: string;
    originalDeadline: CalendarDate | null;
    deadline: CalendarDate | null;
    closedOn: CalendarDate;
  };
  measures: { id: string; text: string; ownerName: string; due: CalendarDate; completedAt: string | null }[];
  outcomes: Outcomes;
  evidence: ClosureEvidence[];
  /** null when the problem was closed without these decisions (a ledger loaded as already closed). */
  opinions: Record<ClosureLevel, ClosureOpinion | null>;
}

export interface ClosureSheetExtra {
  organisation: string;
  campaignName: string;
  /** An ISO instant; printed in Beijing time. */
  printedAt: string;
  evidence: ClosureEvidence[];
}

/** An ISO instant as Beijing time, 'YYYY年M月D日 HH:mm' (UTC+8 all year). */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new UserError(`无效时间：${iso}`, 'InvalidInput');
  const d = new Date(t + 8 * 3600_000);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
}

const LEVEL_ACTION: Record<ClosureLevel, string> = { review: 'reviewClosure', verify: 'verifyClosure', approve: 'approveClosure' };

/** A decision entry approved when the status moved forward; a return sends it back to in_progress. */
const approved = (h: HistoryEntry) => h.after.status !== 'in_progress';

/**
 * The decisions of the final closure round: everything after the last 申请销号. Earlier rounds
 * ended in a return (or a reopen) and their approvals no longer stand.
 */
function finalRoundOpinions(history: HistoryEntry[]): Record<ClosureLevel, ClosureOpinion | null> {
  let start = -1;
  history.forEach((h, i) => {
    if (h.action === 'requestClosure') start = i;
  });
  const round = start < 0 ? [] : history.slice(start + 1);
  const pick = (level: ClosureLevel): ClosureOpinion | null => {
    const entry = round.filter((h) => h.action === LEVEL_ACTION[level] && approved(h)).at(-1);
    if (!entry) return null;
    return { name: entry.actor.name, at: beijingTime(entry.at), opinion: entry.reason?.trim() ? entry.reason : '同意销号' };
  };
  return { review: pick('review'), verify: pick('verify'), approve: pick('approve') };
}

export function closureSheetInput(d: ProblemData, extra: ClosureSheetExtra): ClosureSheetInput {
  if (d.status !== 'closed' || !d.closedOn) {
    throw new UserError(`问题${d.no}当前状态为「${STATUS_LABEL[d.status]}」，尚未销号，不能生成对账销号单`, 'InvalidState');
  }
  const nameOf = (id: string) => findPerson(d.remit, id)?.name ?? id;
  const order = new Map(d.measures.map((m, i) => [m.id, i]));
  // Evidence in measure order; within a measure as the server listed it (stable sort).
  const evidence = [...extra.evidence].sort((a, b) => (order.get(a.measureId) ?? order.size) - (order.get(b.measureId) ?? order.size));
  return {
    organisation: extra.organisation,
    campaignName: extra.campaignName,
    printedAt: beijingTime(extra.printedAt),
    problem: {
      no: d.no,
      title: d.title,
      description: d.description,
      kindLabel: KIND_LABEL[d.kind],
      leaderName: d.remit.leader.name,
      department: d.remit.department,
      ownerName: d.remit.owner.name,
      originalDeadline: d.originalDeadline ?? null,
      deadline: d.deadline ?? null,
      closedOn: d.closedOn,
    },
    measures: d.measures.map((m) => ({
      id: m.id,
      text: m.text,
      ownerName: nameOf(m.owner),
      due: m.due,
      completedAt: m.completedAt ? beijingTime(m.completedAt) : null,
    })),
    outcomes: sumOutcomes(d.measures.map((m) => m.outcomes)),
    evidence,
    opinions: finalRoundOpinions(d.history),
  };
}
