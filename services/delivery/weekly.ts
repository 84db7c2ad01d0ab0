import type { CalendarDate } from '../../domain/dates';
import { addDays, shanghaiDate } from '../../domain/dates';
import { mondayOf, WEEKLY_DIGEST_KIND, weeklyDigestAt } from '../../domain/delivery';
import { campaignWorkflowId } from '../../domain/ids';
import type { Db } from '../../db/client';
import { OVERDUE_STATUSES } from '../../db/overdue';
import { insertNotifications } from '../../db/queries/insert-notifications';
import { queryLedger } from '../../db/queries/ledger';
import { campaignOverview } from '../../db/queries/overview';
import { weeklyDigestCampaigns, type WeeklyCampaign } from '../../db/queries/delivery-weekly';
import type { ProblemStatus } from '../../domain/problem-types';

// 整改周报: every Monday morning (the first working day of the week, at the campaign's notice hour)
// the head and the office get overdue problems, this week's deadlines and counts by department,
// read from the same read models as the desk's 总览 and 台账. Queued into the outbox like any
// notice (dedupe key weekly:<date>), so it is delivered — and shown — like the others.

const DAY = 24 * 3600_000;
/** Lines per list; the rest is a count and a link. */
const LIST_CAP = 20;

const md = (d: CalendarDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function listed<T>(rows: T[], line: (r: T) => string): string[] {
  const out = rows.slice(0, LIST_CAP).map((r) => `- ${line(r)}`);
  if (rows.length > LIST_CAP) out.push(`- ……另有 ${rows.length - LIST_CAP} 个`);
  return out;
}

/** The title and body of one campaign's digest for the week starting `monday`, read on `today`. */
export async function weeklyDigestText(db: Db, c: WeeklyCampaign, monday: CalendarDate, today: CalendarDate): Promise<{ title: string; body: string }> {
  const sunday = addDays(monday, 6);
  const [overview, overdue, thisWeek] = await Promise.all([
    campaignOverview(db, { campaignId: c.id, today, scope: { kind: 'all' } }),
    queryLedger(db, { campaignId: c.id, today, overdue: true, sort: 'daysOverdue', order: 'desc' }),
    queryLedger(db, { campaignId: c.id, today, status: OVERDUE_STATUSES as ProblemStatus[], deadlineFrom: today, deadlineTo: sunday, sort: 'deadline' }),
  ]);
  const p = overview?.period;
  const lines = [
    `截至 ${md(today)}：问题 ${p?.problems ?? 0} 个，已销号 ${p?.closed ?? 0} 个，逾期 ${overdue.rows.length} 个；本周（${md(monday)}—${md(sunday)}）到期 ${thisWeek.rows.length} 个。`,
    '',
    `**逾期问题（${overdue.rows.length} 个）**`,
    ...(overdue.rows.length ? listed(overdue.rows, (r) => `问题${r.no}「${r.title}」（${r.department}）逾期 ${r.daysOverdue} 天，时限 ${r.deadline}`) : ['- 无']),
    '',
    `**本周到期（${thisWeek.rows.length} 个）**`,
    ...(thisWeek.rows.length ? listed(thisWeek.rows, (r) => `问题${r.no}「${r.title}」（${r.department}）时限 ${r.deadline}`) : ['- 无']),
    '',
    '**各科室情况**',
    ...listed(overview?.byDepartment ?? [], (d) => `${d.department}：共 ${d.total} 个，已销号 ${d.closed} 个，逾期 ${d.overdue} 个，黄牌 ${d.yellow} 个，红牌 ${d.red} 个`),
  ];
  return { title: `整改周报（${md(monday)}—${md(sunday)}）：${c.organisation}`, body: lines.join('\n') };
}

/**
 * Queues this week's digest of every campaign whose digest time has come (within a day, so a
 * worker down on Monday morning still sends it on its return) and that existed by then. Returns
 * the next instant to look again. Idempotent: the outbox's dedupe key keeps one per week.
 */
export async function queueWeeklyDigests(db: Db, now: number, isWorkingDay: (d: CalendarDate) => boolean): Promise<{ queued: number; nextAt: number }> {
  const today = shanghaiDate(now);
  const monday = mondayOf(today);
  let nextAt = now + 12 * 3600_000;
  let queued = 0;
  for (const c of await weeklyDigestCampaigns(db)) {
    const calendar = c.calendarDays ? () => true : isWorkingDay;
    const at = weeklyDigestAt(monday, c.notifyHour, calendar);
    if (at !== null && at <= now && now < at + DAY && c.createdAt.getTime() <= at) {
      const { title, body } = await weeklyDigestText(db, c, monday, today);
      const workflowId = campaignWorkflowId(c.id);
      queued += await insertNotifications(db, {
        campaignId: c.id,
        workflowId,
        notifications: [{ dedupeKey: `weekly:${shanghaiDate(at)}`, kind: WEEKLY_DIGEST_KIND, recipients: c.recipients, title, body }],
      });
    }
    const next = at !== null && at > now ? at : weeklyDigestAt(addDays(monday, 7), c.notifyHour, calendar);
    if (next !== null) nextAt = Math.min(nextAt, next);
  }
  return { queued, nextAt };
}
