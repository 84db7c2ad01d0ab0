import { addDays, daysBetween } from '../../domain/dates';
import { type ProblemStatus, STATUSES, type WarningLevel } from '../../domain/problem-types';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';
import { Binds, capOf, capped, type Capped, type LedgerScope, scopeSql } from './desk-scope';

// 总览 for the office and the head: where the campaign stands, which departments lag, when the
// overdue problems fell due, and what falls due in the next two weeks. "Overdue" is the one
// definition of db/overdue.ts, so every number here agrees with the ledger's overdue filter.

export interface OverviewParams {
  campaignId: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  today: string;
  scope: LedgerScope;
  /** Rows of dueSoon at most (default DESK_LIST_CAP). */
  limit?: number;
}

export interface DepartmentLine {
  department: string;
  total: number;
  closed: number;
  /** Not closed (phase-complete and long-term problems included): total − closed. */
  open: number;
  overdue: number;
  yellow: number;
  red: number;
}

export interface OverdueHeatmap {
  /** Mondays (Asia/Shanghai calendar), every week from the earliest to the latest with a cell. */
  weeks: string[];
  /** Departments with an overdue problem, collate "C". */
  departments: string[];
  /** Non-zero cells only. A click opens the ledger: department, overdue, deadline week..week+6. */
  cells: { department: string; week: string; count: number }[];
}

export interface DueSoonRow {
  no: number;
  title: string;
  department: string;
  deadline: string;
  /** 0 (today) … 14. */
  daysLeft: number;
  status: ProblemStatus;
}

export interface CampaignPeriod {
  feedbackDate: string;
  concentratedPeriodEnd: string;
  today: string;
  daysTotal: number;
  /** Days since feedback, within 0..daysTotal. */
  daysElapsed: number;
  problems: number;
  closed: number;
  measures: number;
  measuresDone: number;
}

export interface CampaignOverview {
  byStatus: Record<ProblemStatus, number>;
  byDepartment: DepartmentLine[];
  overdueHeatmap: OverdueHeatmap;
  dueSoon: Capped<DueSoonRow>;
  period: CampaignPeriod;
}

/** Days ahead (today included) that count as "due soon". */
export const DUE_SOON_DAYS = 14;

/** Problems of one department, status and warning level. */
type Group = { department: string; status: ProblemStatus; warning: WarningLevel; n: number; overdue: number; measures: number; measuresDone: number };

/** The overview of a campaign within the reader's remit; null when the campaign is unknown. */
export async function campaignOverview(db: Db, q: OverviewParams): Promise<CampaignOverview | null> {
  // Separate statements, run side by side on the pool: two scans in parallel beat one wider one.
  const [campaign, groups, heat, dueSoon] = await Promise.all([
    db.query<{ feedbackDate: string; concentratedPeriodEnd: string }>(
      'select feedback_date as "feedbackDate", concentrated_period_end as "concentratedPeriodEnd" from campaigns where id = $1',
      [q.campaignId],
    ),
    grouped(db, q),
    heatmap(db, q),
    dueSoonOf(db, q),
  ]);
  const c = campaign.rows[0];
  if (!c) return null;

  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ProblemStatus, number>;
  const lines = new Map<string, DepartmentLine>();
  const period: CampaignPeriod = { ...c, today: q.today, daysTotal: 0, daysElapsed: 0, problems: 0, closed: 0, measures: 0, measuresDone: 0 };
  for (const g of groups) {
    byStatus[g.status] += g.n;
    let line = lines.get(g.department);
    if (!line) lines.set(g.department, (line = { department: g.department, total: 0, closed: 0, open: 0, overdue: 0, yellow: 0, red: 0 }));
    const closed = g.status === 'closed' ? g.n : 0;
    line.total += g.n;
    line.closed += closed;
    line.open += g.n - closed;
    line.overdue += g.overdue;
    if (g.warning === 'yellow') line.yellow += g.n;
    if (g.warning === 'red') line.red += g.n;
    period.problems += g.n;
    period.closed += closed;
    period.measures += g.measures;
    period.measuresDone += g.measuresDone;
  }
  period.daysTotal = daysBetween(c.feedbackDate, c.concentratedPeriodEnd);
  period.daysElapsed = Math.min(period.daysTotal, Math.max(0, daysBetween(c.feedbackDate, q.today)));
  // Grouped in SQL; sorted here byte-wise, the same order as `collate "C"`.
  const byDepartment = [...lines.values()].sort((a, b) => compareC(a.department, b.department));
  return { byStatus, byDepartment, overdueHeatmap: heat, dueSoon, period };
}

/** One scan: counts per department, status and warning level, with overdue and measure sums. */
async function grouped(db: Db, q: OverviewParams): Promise<Group[]> {
  const b = new Binds();
  const { rows } = await db.query<Group>(
    `select p.department, p.status, p.warning, count(*)::int as n,
       (count(*) filter (where p.deadline < ${b.add(q.today)}::date and p.status = any(${b.add(OVERDUE_STATUSES)}::text[])))::int as overdue,
       sum(p.measures_total)::int as measures, sum(p.measures_done)::int as "measuresDone"
     from problems p where p.campaign_id = ${b.add(q.campaignId)}${scopeSql(q.scope, b)}
     group by p.department, p.status, p.warning`,
    b.values,
  );
  return rows;
}

/** Overdue problems by department and by the Monday of their deadline's week. */
async function heatmap(db: Db, q: OverviewParams): Promise<OverdueHeatmap> {
  const b = new Binds();
  const { rows: cells } = await db.query<{ department: string; week: string; count: number }>(
    `select p.department, date_trunc('week', p.deadline::timestamp)::date as week, count(*)::int as count
     from problems p
     where p.campaign_id = ${b.add(q.campaignId)}${scopeSql(q.scope, b)}
       and p.deadline < ${b.add(q.today)}::date and p.status = any(${b.add(OVERDUE_STATUSES)}::text[])
     group by 1, 2 order by week, p.department collate "C"`,
    b.values,
  );
  const weeks: string[] = [];
  const first = cells[0]?.week;
  const last = cells.at(-1)?.week;
  for (let w = first; w && last && w <= last; w = addDays(w, 7)) weeks.push(w);
  const departments = [...new Set(cells.map((c) => c.department))].sort(compareC);
  return { weeks, departments, cells };
}

async function dueSoonOf(db: Db, q: OverviewParams): Promise<Capped<DueSoonRow>> {
  const b = new Binds();
  const today = `${b.add(q.today)}::date`;
  const { rows } = await db.query<DueSoonRow & { total: number }>(
    `select p.no, p.title, p.department, p.deadline, (p.deadline - ${today}) as "daysLeft", p.status, count(*) over ()::int as total
     from problems p
     where p.campaign_id = ${b.add(q.campaignId)}${scopeSql(q.scope, b)}
       and p.deadline between ${today} and ${today} + ${DUE_SOON_DAYS} and p.status = any(${b.add(OVERDUE_STATUSES)}::text[])
     order by p.deadline, p.no limit ${b.add(capOf(q.limit))}`,
    b.values,
  );
  return capped(rows);
}

/** Byte order of UTF-8, which is what PostgreSQL's "C" collation compares. */
function compareC(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
