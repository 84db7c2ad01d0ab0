import { OUTCOME_FIGURES, type OutcomeKey } from '../../domain/outcomes';
import type { ProblemStatus, WarningLevel } from '../../domain/problem-types';
import { STATUSES } from '../../domain/problem-types';
import type { ProblemKind } from '../../domain/schemas';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';

// The ledger (台账) read model: one row per problem from the projection, with its measure counts
// and outcome sums. The CLI's list, the spreadsheet export, the report writer and the desk all read
// the ledger through this one query, so a filter means the same thing everywhere.

/** Whose problems a reader may see; the desk narrows every query to the signed-in user's remit. */
export type LedgerScope = { kind: 'all' } | { kind: 'department'; department: string } | { kind: 'leader'; personId: string };

export const LEDGER_SORTS = ['no', 'deadline', 'daysOverdue', 'status', 'department', 'lastActionAt', 'warning'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerQuery {
  campaignId: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai): the day "overdue" and "due within" are counted on. */
  today: string;
  scope?: LedgerScope;
  status?: readonly ProblemStatus[];
  department?: string;
  kind?: ProblemKind;
  warning?: WarningLevel;
  /** Only problems overdue today (deadline passed while the department is expected to act). */
  overdue?: boolean;
  /** Only problems still open whose deadline falls within this many days from today (today included). */
  dueWithinDays?: number;
  /** Words in the title or description, or the problem's number. */
  text?: string;
  sort?: LedgerSort;
  order?: 'asc' | 'desc';
  /** 1-based; all rows when pageSize is absent. */
  page?: number;
  pageSize?: number;
}

export type LedgerRow = {
  campaignId: string;
  no: number;
  aspectNo: number;
  title: string;
  description: string;
  kind: ProblemKind;
  responsibleLeader: string;
  department: string;
  owner: string;
  originalDeadline: string | null;
  deadline: string | null;
  status: ProblemStatus;
  warning: WarningLevel;
  workflowId: string;
  version: number;
  closedOn: string | null;
  reopenCount: number;
  lastAction: string | null;
  lastActionAt: Date | null;
  measuresTotal: number;
  measuresDone: number;
  /** Days past the deadline while overdue; 0 otherwise. */
  daysOverdue: number;
} & Record<OutcomeKey, number>;

export interface LedgerPage {
  rows: LedgerRow[];
  /** Rows matching the filters, before paging. */
  total: number;
}

/** Bind parameters numbered as they are used: PostgreSQL refuses a parameter it never sees. */
class Params {
  readonly values: unknown[] = [];
  private named = new Map<string, string>();
  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
  /** One parameter however often it is used. */
  once(name: string, value: unknown): string {
    let ref = this.named.get(name);
    if (!ref) this.named.set(name, (ref = this.add(value)));
    return ref;
  }
}

/** The statuses in which a passed deadline counts as overdue, and the calendar day. */
const overdueParts = (q: LedgerQuery, p: Params) => ({ today: `${p.once('today', q.today)}::date`, active: `${p.once('active', OVERDUE_STATUSES)}::text[]` });

function daysOverdue(q: LedgerQuery, p: Params): string {
  const { today, active } = overdueParts(q, p);
  return `(case when p.status = any(${active}) and p.deadline < ${today} then ${today} - p.deadline else 0 end)`;
}

function sortSql(q: LedgerQuery, p: Params): string {
  switch (q.sort ?? 'no') {
    case 'no':
      return 'p.no';
    case 'deadline':
      return 'p.deadline';
    case 'daysOverdue':
      return daysOverdue(q, p);
    case 'status':
      return `array_position(${p.once('statuses', STATUSES)}::text[], p.status)`;
    case 'department':
      return 'p.department collate "C"';
    case 'lastActionAt':
      return 'p.last_action_at';
    case 'warning':
      return `(case p.warning when 'red' then 2 when 'yellow' then 1 else 0 end)`;
  }
}

/** `%`, `_` and `\` are literal in a search box. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(q: LedgerQuery, p: Params): string {
  const where = [`p.campaign_id = ${p.once('campaign', q.campaignId)}`];
  const scope = q.scope ?? { kind: 'all' };
  if (scope.kind === 'department') where.push(`p.department = ${p.add(scope.department)}`);
  if (scope.kind === 'leader') where.push(`p.responsible_leader = ${p.add(scope.personId)}`);
  if (q.status?.length) where.push(`p.status = any(${p.add(q.status)}::text[])`);
  if (q.department) where.push(`p.department = ${p.add(q.department)}`);
  if (q.kind) where.push(`p.kind = ${p.add(q.kind)}`);
  if (q.warning) where.push(`p.warning = ${p.add(q.warning)}`);
  if (q.overdue) {
    const { today, active } = overdueParts(q, p);
    where.push(`p.deadline < ${today} and p.status = any(${active})`);
  }
  if (q.dueWithinDays !== undefined) {
    const { today, active } = overdueParts(q, p);
    where.push(`p.deadline between ${today} and ${today} + ${p.add(q.dueWithinDays)}::int and p.status = any(${active})`);
  }
  const text = q.text?.trim();
  if (text) {
    const pattern = p.add(likePattern(text));
    const no = /^\d{1,9}$/.test(text) ? ` or p.no = ${p.add(Number(text))}` : '';
    where.push(`(p.title ilike ${pattern} or p.description ilike ${pattern}${no})`);
  }
  return where.join(' and ');
}

export async function queryLedger(db: Db, q: LedgerQuery): Promise<LedgerPage> {
  const p = new Params();
  const where = whereOf(q, p);
  const direction = q.order === 'desc' ? 'desc' : 'asc';
  // Nulls (no deadline) last whichever way; the number breaks ties so pages never overlap.
  const orderBy = `${sortSql(q, p)} ${direction} nulls last, p.no ${direction}`;
  let paging = '';
  if (q.pageSize !== undefined) {
    const offset = (Math.max(1, Math.trunc(q.page ?? 1)) - 1) * Math.trunc(q.pageSize);
    paging = `limit ${p.add(Math.trunc(q.pageSize))} offset ${p.add(offset)}`;
  }
  const outcomes = OUTCOME_FIGURES.map((f) => `p.${f.column} as "${f.key}"`).join(', ');
  const { rows } = await db.query<LedgerRow>(
    `select p.campaign_id as "campaignId", p.no, p.aspect_no as "aspectNo", p.title, p.description, p.kind,
       p.responsible_leader as "responsibleLeader", p.department, p.owner,
       p.original_deadline as "originalDeadline", p.deadline, p.status, p.warning, p.workflow_id as "workflowId",
       p.version, p.closed_on as "closedOn", p.reopen_count as "reopenCount",
       p.last_action as "lastAction", p.last_action_at as "lastActionAt",
       p.measures_total as "measuresTotal", p.measures_done as "measuresDone", ${outcomes},
       ${daysOverdue(q, p)}::int as "daysOverdue"
     from problems p where ${where}
     order by ${orderBy} ${paging}`,
    p.values,
  );
  // A whole ledger needs no second query; a page does, for the pager.
  if (q.pageSize === undefined) return { rows, total: rows.length };
  const c = new Params();
  const { rows: [count] } = await db.query<{ total: number }>(`select count(*)::int as total from problems p where ${whereOf(q, c)}`, c.values);
  return { rows, total: count?.total ?? 0 };
}
