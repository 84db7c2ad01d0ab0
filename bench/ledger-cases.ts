// The pages of 50 the desk asks the ledger for: the filters, sorts, scopes and deep pages its
// list, 我的任务 and 督办 views put in their URLs. One definition for both the read model and HTTP.
import type { LedgerQuery } from '../db/queries/ledger';
import { DEPARTMENTS } from './synthetic-projection';

export interface LedgerCase {
  name: string;
  /** Who asks: the office sees everything; a department account and a leader see their remit. */
  as: 'office' | 'dept' | 'leader';
  q: Partial<Omit<LedgerQuery, 'campaignId' | 'today' | 'scope'>>;
}

export const CASES: LedgerCase[] = [
  { name: 'no filter, by number (first page)', as: 'office', q: {} },
  { name: 'status = in_progress', as: 'office', q: { status: ['in_progress'] } },
  { name: 'status = the four review statuses', as: 'office', q: { status: ['plan_review', 'leader_review', 'office_verification', 'head_approval'] } },
  { name: `department = ${DEPARTMENTS[2]}`, as: 'office', q: { department: DEPARTMENTS[2] } },
  { name: 'warning = red', as: 'office', q: { warning: 'red' } },
  { name: 'overdue', as: 'office', q: { overdue: true } },
  { name: 'due within 14 days', as: 'office', q: { dueWithinDays: 14 } },
  { name: 'text 公务用车 (in titles)', as: 'office', q: { text: '公务用车' } },
  { name: 'text 台账资料不完整 (in descriptions)', as: 'office', q: { text: '台账资料不完整' } },
  { name: 'text 54321 (a problem number)', as: 'office', q: { text: '54321' } },
  { name: 'sort by deadline', as: 'office', q: { sort: 'deadline' } },
  { name: 'sort by days overdue, desc', as: 'office', q: { sort: 'daysOverdue', order: 'desc' } },
  { name: 'overdue, by days overdue desc', as: 'office', q: { overdue: true, sort: 'daysOverdue', order: 'desc' } },
  { name: 'sort by last action, desc', as: 'office', q: { sort: 'lastActionAt', order: 'desc' } },
  { name: 'department account (its remit), by deadline', as: 'dept', q: { sort: 'deadline' } },
  { name: 'leader account (its remit), in_progress, by deadline', as: 'leader', q: { status: ['in_progress'], sort: 'deadline' } },
  { name: 'deep page: page 1,000 (rows 49,951–50,000)', as: 'office', q: { page: 1000 } },
  { name: 'deep page: closed, by last action desc, page 400', as: 'office', q: { status: ['closed'], sort: 'lastActionAt', order: 'desc', page: 400 } },
];

/** The same query as the desk's URL parameters (api/ledger.ts). */
export function queryString(q: LedgerCase['q']): string {
  const p = new URLSearchParams();
  if (q.status?.length) p.set('status', q.status.join(','));
  if (q.department) p.set('department', q.department);
  if (q.kind) p.set('kind', q.kind);
  if (q.warning) p.set('warning', q.warning);
  if (q.overdue) p.set('overdue', 'true');
  if (q.dueWithinDays !== undefined) p.set('dueWithinDays', String(q.dueWithinDays));
  if (q.text) p.set('q', q.text);
  if (q.sort) p.set('sort', q.sort);
  if (q.order) p.set('order', q.order);
  if (q.page) p.set('page', String(q.page));
  if (q.pageSize) p.set('pageSize', String(q.pageSize));
  return p.toString();
}
