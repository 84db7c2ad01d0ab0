import { z } from 'zod';
import { addDays, CalendarDate, daysBetween, shanghaiDate, shanghaiInstant } from './dates';

/** Per-campaign deadline policy; the defaults are the product owner's. */
export const DeadlinePolicySchema = z.object({
  reminderDaysBefore: z.array(z.number().int().positive()).default([7, 3, 1]),
  dueDayNotice: z.boolean().default(true),
  yellowAfterDays: z.number().int().positive().default(1),
  redAfterDays: z.number().int().positive().default(7),
  overdueReminderEveryDays: z.number().int().positive().default(7),
  longTermProgressEveryDays: z.number().int().positive().default(30),
  lookBackAfterDays: z.number().int().positive().default(90),
  /** Hour of the day (Asia/Shanghai) at which scheduled notices go out. */
  notifyHour: z.number().int().min(0).max(23).default(9),
  extensionApprover: z.enum(['head', 'office']).default('head'),
});
export type DeadlinePolicy = z.infer<typeof DeadlinePolicySchema>;

export const DEFAULT_POLICY: DeadlinePolicy = DeadlinePolicySchema.parse({});

export type ScheduledEventType =
  | 'reminder'
  | 'due-today'
  | 'warning-yellow'
  | 'warning-red'
  | 'overdue-weekly'
  | 'progress-request'
  | 'look-back';

export interface ScheduledEvent {
  /** Unique per occurrence; a key once sent is never sent again. */
  key: string;
  type: ScheduledEventType;
  at: number;
  /** The calendar date the event belongs to (deadline, anchor or closure date). */
  date: CalendarDate;
  /** Days before the deadline (reminders) or overdue (warnings and weekly reminders). */
  days: number;
}

/** What the scheduler needs to know about a problem; derived from the workflow state. */
export interface ScheduleInput {
  /** The effective (committed) deadline; absent for long-term problems without one. */
  deadline?: CalendarDate;
  /** Deadline timers run only while the department is expected to act. */
  deadlineTimersActive: boolean;
  /** Long-term problems get periodic progress requests from this date on while not closed. */
  progressAnchor?: CalendarDate;
  /** Set once closed and the look-back is not yet confirmed. */
  closedOn?: CalendarDate;
}

/**
 * Every event that can matter at `now`: all one-off events, and for periodic ones the latest
 * occurrence at or before `now` plus the next one. Older periodic occurrences are superseded
 * (one weekly reminder is enough), so they are never candidates.
 */
export function candidateEvents(input: ScheduleInput, policy: DeadlinePolicy, now: number): ScheduledEvent[] {
  const out: ScheduledEvent[] = [];
  const at = (date: CalendarDate) => shanghaiInstant(date, policy.notifyHour).getTime();
  const { deadline } = input;
  if (deadline && input.deadlineTimersActive) {
    for (const n of policy.reminderDaysBefore) {
      const date = addDays(deadline, -n);
      out.push({ key: `reminder:${deadline}:${n}`, type: 'reminder', at: at(date), date, days: n });
    }
    if (policy.dueDayNotice) out.push({ key: `due:${deadline}`, type: 'due-today', at: at(deadline), date: deadline, days: 0 });
    const yellow = addDays(deadline, policy.yellowAfterDays);
    out.push({ key: `yellow:${deadline}`, type: 'warning-yellow', at: at(yellow), date: yellow, days: policy.yellowAfterDays });
    const red = addDays(deadline, policy.redAfterDays);
    out.push({ key: `red:${deadline}`, type: 'warning-red', at: at(red), date: red, days: policy.redAfterDays });
    out.push(...periodic('overdue-weekly', `overdue:${deadline}`, deadline, policy.overdueReminderEveryDays, now, at));
  }
  if (input.progressAnchor) {
    out.push(
      ...periodic('progress-request', `progress:${input.progressAnchor}`, input.progressAnchor, policy.longTermProgressEveryDays, now, at),
    );
  }
  if (input.closedOn) {
    const date = addDays(input.closedOn, policy.lookBackAfterDays);
    out.push({ key: `lookback:${input.closedOn}`, type: 'look-back', at: at(date), date, days: policy.lookBackAfterDays });
  }
  return out;
}

function periodic(
  type: ScheduledEventType,
  prefix: string,
  anchor: CalendarDate,
  every: number,
  now: number,
  at: (d: CalendarDate) => number,
): ScheduledEvent[] {
  const elapsed = daysBetween(anchor, shanghaiDate(now));
  // k counts periods since the anchor; the first occurrence is one period after it.
  let k = Math.max(1, Math.floor(elapsed / every));
  if (at(addDays(anchor, k * every)) > now && k > 1) k -= 1;
  return [k, k + 1].map((i) => {
    const date = addDays(anchor, i * every);
    return { key: `${prefix}:${i}`, type, at: at(date), date, days: i * every };
  });
}

/** Pre-deadline notices lose their point once the deadline day is over. */
function isStale(e: ScheduledEvent, deadline: CalendarDate | undefined, now: number, policy: DeadlinePolicy): boolean {
  if ((e.type === 'reminder' || e.type === 'due-today') && deadline) {
    return now >= shanghaiInstant(addDays(deadline, 1)).getTime() || (e.type === 'reminder' && now >= shanghaiInstant(deadline, policy.notifyHour).getTime());
  }
  return false;
}

export function dueEvents(input: ScheduleInput, policy: DeadlinePolicy, now: number, sent: ReadonlySet<string>): ScheduledEvent[] {
  return candidateEvents(input, policy, now)
    .filter((e) => e.at <= now && !sent.has(e.key) && !isStale(e, input.deadline, now, policy))
    .sort((a, b) => a.at - b.at);
}

export function nextEventAt(input: ScheduleInput, policy: DeadlinePolicy, now: number, sent: ReadonlySet<string>): number | undefined {
  const future = candidateEvents(input, policy, now).filter((e) => e.at > now && !sent.has(e.key));
  return future.length ? Math.min(...future.map((e) => e.at)) : undefined;
}
