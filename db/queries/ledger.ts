import { OUTCOME_FIGURES, type OutcomeKey } from '../../domain/outcomes';
import type { ProblemStatus, WarningLevel } from '../../domain/problem-types';
import { STATUSES } from '../../domain/problem-types';
import type { LedgerSort } from '../../domain/ledger';
import type { LedgerScope } from '../../domain/permissions';
import type { ProblemKind } from '../../domain/schemas';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';

// The ledger (台账) read model: one row per problem from the projection, with its measure counts
// and outcome sums. The CLI's list, the spreadsheet export, the report writer and the desk all read
// the ledger through this one query, so a filter means the same thing everywhere.

export interface LedgerQuery {
  campaignId: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai): the day "overdue" and "due within" are counted on. */
  today: string;
  scope?: LedgerScope;
  /** One problem by its number (the desk's detail page reads its row through the same scope). */
  no?: number;
  status?: readonly ProblemStatus[];
  department?: string;
  kind?: ProblemKind;
  warning?: WarningLevel;
  /** Only problems overdue today (deadline passed while the department is expected to act). */
  overdue?: boolean;
  /** Only problems still open whose deadline falls within this many days from today (today included). */
  dueWithinDays?: number;
  /** Only problems whose deadline is on or after this day ('YYYY-MM-DD'); e.g. a heatmap week's Monday. */
  deadlineFrom?: string;
  /** Only problems whose deadline is on or before this day ('YYYY-MM-DD'), inclusive. */
  deadlineTo?: string;
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
  responsibleLeaderName: string;
  department: string;
  owner: string;
  ownerName: string;
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

/**
 * The two-character pieces of a problem's text, as indexed by migration 007: a search term of two
 * characters or more first narrows the rows through that index. Keep it identical to the index's.
 */
const TEXT_PIECES = "ledger_bigrams(lower(p.title || ' ' || p.description))";

function whereOf(q: LedgerQuery, p: Params): string {
  const where = [`p.campaign_id = ${p.once('campaign', q.campaignId)}`];
  const scope = q.scope ?? { kind: 'all' };
  if (scope.kind === 'department') where.push(`p.department = ${p.add(scope.department)}`);
  if (scope.kind === 'leader') where.push(`p.responsible_leader = ${p.add(scope.personId)}`);
  if (q.no !== undefined) where.push(`p.no = ${p.add(q.no)}`);
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
  if (q.deadlineFrom) where.push(`p.deadline >= ${p.add(q.deadlineFrom)}::date`);
  if (q.deadlineTo) where.push(`p.deadline <= ${p.add(q.deadlineTo)}::date`);
  const text = q.text?.trim();
  if (text) {
    const t = p.add(text);
    // strpos on lower() is what ILIKE '%…%' does in a UTF-8 database, without its per-row pattern
    // matching and with nothing to escape; the pieces let the index skip rows that cannot match.
    const pieces = Array.from(text).length >= 2 ? `${TEXT_PIECES} @> ledger_bigrams(lower(${t}::text)) and ` : '';
    const words = `${pieces}(strpos(lower(p.title), lower(${t}::text)) > 0 or strpos(lower(p.description), lower(${t}::text)) > 0)`;
    const no = /^\d{1,9}$/.test(text) ? ` or p.no = ${p.add(Number(text))}` : '';
    where.push(`((${words})${no})`);
  }
  return where.join(' and ');
}

export async function queryLedger(db: Db, q: LedgerQuery): Promise<LedgerPage> {
  const p = new Params();
  const where = whereOf(q, p);
  const direction = q.order === 'desc' ? 'desc' : 'asc';
  const sort = sortSql(q, p);
  const outcomes = OUTCOME_FIGURES.map((f) => `p.${f.column} as "${f.key}"`).join(', ');
  const columns = `p.campaign_id as "campaignId", p.no, p.aspect_no as "aspectNo", p.title, p.description, p.kind,
       p.responsible_leader as "responsibleLeader", coalesce(l.name, p.responsible_leader) as "responsibleLeaderName",
       p.department, p.owner, coalesce(o.name, p.owner) as "ownerName",
       p.original_deadline as "originalDeadline", p.deadline, p.status, p.warning, p.workflow_id as "workflowId",
       p.version, p.closed_on as "closedOn", p.reopen_count as "reopenCount",
       p.last_action as "lastAction", p.last_action_at as "lastActionAt",
       p.measures_total as "measuresTotal", p.measures_done as "measuresDone", ${outcomes},
       ${daysOverdue(q, p)}::int as "daysOverdue"`;
  const people = `left join people l on l.campaign_id = p.campaign_id and l.id = p.responsible_leader
     left join people o on o.campaign_id = p.campaign_id and o.id = p.owner`;
  // Nulls (no deadline) last whichever way; the number breaks ties so pages never overlap.
  if (q.pageSize === undefined) {
    const { rows } = await db.query<LedgerRow>(
      `select ${columns} from problems p ${people} where ${where} order by ${sort} ${direction} nulls last, p.no ${direction}`,
      p.values,
    );
    // A whole ledger needs no second query.
    return { rows, total: rows.length };
  }
  // A page: sort and skip over the problem numbers alone, then read the page's rows and names. Sorting
  // or skipping whole joined rows cost 3-4 times as much on 100,000 problems (npm run bench -- ledger).
  const limit = Math.trunc(q.pageSize);
  const offset = (Math.max(1, Math.trunc(q.page ?? 1)) - 1) * limit;
  // A text search reads all its matches anyway (from the index of 007): count them in the same pass.
  const counted = !!q.text?.trim();
  const keys = !counted && q.sort === 'daysOverdue'
    ? overduePageKeys(q, p, where, direction, limit, offset)
    : `select p.no, ${sort} as k${counted ? ', count(*) over () as total' : ''} from problems p where ${where}
       order by k ${direction} nulls last, p.no ${direction} limit ${p.add(limit)} offset ${p.add(offset)}`;
  const { rows: found } = await db.query<LedgerRow & { total?: number }>(
    `with page as (${keys})
     select ${columns}${counted ? ', page.total::int as total' : ''}
     from page join problems p on p.campaign_id = ${p.once('campaign', q.campaignId)} and p.no = page.no
     ${people}
     order by page.k ${direction} nulls last, page.no ${direction}`,
    p.values,
  );
  const rows = found.map(({ total: _, ...row }) => row);
  if (found[0]?.total !== undefined) return { rows, total: found[0].total };
  // A page that is not full holds the last of the matches: the count is known without counting.
  if (rows.length > 0 && rows.length < limit) return { rows, total: offset + rows.length };
  const c = new Params();
  const { rows: [count] } = await db.query<{ total: number }>(`select count(*)::int as total from problems p where ${whereOf(q, c)}`, c.values);
  return { rows, total: count?.total ?? 0 };
}

/**
 * Days overdue is computed against today, so no index holds it; but it is positive exactly for the
 * overdue problems (more days = an earlier deadline, found by status and deadline) and 0 for all
 * the others (by number). A page is the best of each part merged, not a sort of the whole campaign.
 */
function overduePageKeys(q: LedgerQuery, p: Params, where: string, direction: string, limit: number, offset: number): string {
  const { today, active } = overdueParts(q, p);
  const overdue = `p.deadline < ${today} and p.status = any(${active})`;
  const byDeadline = direction === 'desc' ? 'asc' : 'desc';
  const overduePart = `select p.no, ${today} - p.deadline as k from problems p where ${where} and ${overdue}
    order by p.deadline ${byDeadline}, p.no ${direction}`;
  // Filtered to the overdue already: the other part is empty, and finding that out reads every row.
  if (q.overdue) return `${overduePart} limit ${p.add(limit)} offset ${p.add(offset)}`;
  const upTo = p.add(limit + offset);
  return `select no, k from (
      (${overduePart} limit ${upTo})
      union all
      (select p.no, 0 as k from problems p where ${where} and (${overdue}) is not true order by p.no ${direction} limit ${upTo})
    ) parts order by k ${direction}, no ${direction} limit ${p.add(limit)} offset ${p.add(offset)}`;
}
