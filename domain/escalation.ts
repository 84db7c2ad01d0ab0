// What the schedule will do next to one problem, for people to see ahead of time (the desk's
// problem page). Nothing here schedules anything: it replays the workflow's own loop — wake at
// nextEventAt, fire dueEvents, describe each — on a copy of the sent keys, so the forecast is the
// workflow's behaviour by construction, provided nobody acts on the problem in the meantime. The
// state says whether the working-day calendar applies (and with which years of holiday data), so
// the dates here are the workflow's dates in both cases.
import type { CalendarDate } from './dates';
import { dueEvents, nextEventAt, type ScheduledEventType } from './policy';
import { scheduleInputOf, scheduledNotification } from './problem-events';
import { EVENT_LABEL, type PersonRef, type ProblemData } from './problem-types';

export interface UpcomingEvent {
  /** The event's key: the notification's dedupe key once it fires. */
  key: string;
  type: ScheduledEventType;
  /** 到期提醒, 黄牌预警, 红牌预警、督办, … */
  label: string;
  /** ISO instant the event fires at. */
  at: string;
  /** The calendar date the event belongs to (Asia/Shanghai). */
  date: CalendarDate;
  /** Days before the deadline (reminders) or overdue (warnings, weekly reminders), or since the anchor. */
  days: number;
  recipients: PersonRef[];
  /** What the notification will say, e.g. 问题3逾期黄牌预警. */
  title: string;
  /** Why the date is not the policy's own: "10月1日为国庆节，提前至9月30日" (the working-day calendar). */
  note?: string;
}

/**
 * The next `limit` scheduled events of a problem after `now`, in the order they will fire. Events
 * already sent are left out, and so are those due at `now` itself: the workflow fires them at once.
 * Periodic events (weekly overdue reminders, long-term progress requests) appear as many times as
 * they occur within the limit.
 */
export function upcomingEscalation(data: ProblemData, now: number, limit = 6): UpcomingEvent[] {
  const input = scheduleInputOf(data);
  const sent = new Set(data.sent);
  for (const e of dueEvents(input, data.policy, now, sent)) sent.add(e.key);
  const out: UpcomingEvent[] = [];
  let t = now;
  // Each wake-up fires at least one event in practice; the bound only guards against a policy that
  // would make the workflow wake for nothing.
  for (let wakes = 0; out.length < limit && wakes < limit * 4; wakes++) {
    const next = nextEventAt(input, data.policy, t, sent);
    if (next === undefined) break;
    for (const e of dueEvents(input, data.policy, next, sent)) {
      sent.add(e.key);
      const n = scheduledNotification(data, e);
      const u: UpcomingEvent = { key: e.key, type: e.type, label: EVENT_LABEL[e.type] ?? e.type, at: new Date(e.at).toISOString(), date: e.date, days: e.days, recipients: n.recipients, title: n.title };
      if (e.note) u.note = e.note;
      out.push(u);
    }
    t = next;
  }
  return out.slice(0, limit);
}
