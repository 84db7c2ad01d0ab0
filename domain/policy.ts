import { z } from 'zod';
import { addWorkingDays, dayKind, monthDayLabel, nextWorkingDay, previousWorkingDay } from './calendar';
import { addDays, CalendarDate, daysBetween, shanghaiDate, shanghaiInstant } from './dates';

/**
 * How scheduled notices meet China's working days (domain/calendar.ts). 'shift': a notice whose
 * day is a holiday or weekend goes out on the working day before it (after it, for overdue
 * warnings: they must not fire before the fact). 'count': the same, and reminder offsets count
 * working days. 'off': calendar days.
 */
export const WORKING_DAY_RULES = ['shift', 'count', 'off'] as const;
export type WorkingDayRule = (typeof WORKING_DAY_RULES)[number];

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
  workingDays: z.enum(WORKING_DAY_RULES).default('shift'),
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
  /** The calendar date the event fires on (Asia/Shanghai). */
  date: CalendarDate;
  /**
   * Calendar days from the event's date to the deadline (reminders) or from the deadline, anchor or
   * closure to it (warnings, weekly reminders, progress requests, look-back).
   */
  days: number;
  /** The date the policy names, when the working-day calendar moved the event off it. */
  movedFrom?: CalendarDate;
  /** For people, when the calendar moved the event or had no data for its year: "10月1日为国庆节，提前至9月30日". */
  note?: string;
  /** Sent after its day (a late start, a stopped worker): `days` is counted from the day it is sent. */
  late?: true;
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
  /**
   * The working-day calendar applies, with holiday data up to this year (pinned in the workflow's
   * state). Absent for problems started before the calendar existed: calendar days, as recorded.
   */
  calendarThrough?: number;
}

/** The rule in force for one problem: none without the calendar, whatever the policy says. */
export function workingDayRule(input: ScheduleInput, policy: DeadlinePolicy): WorkingDayRule {
  // State carried from before the policy had the field has no value: the default applies.
  return input.calendarThrough === undefined ? 'off' : (policy.workingDays ?? 'shift');
}

type Place = (date: CalendarDate) => CalendarDate;

/** Where events land: on the nominal date (off), or moved to a working day. */
function placement(input: ScheduleInput, policy: DeadlinePolicy) {
  const rule = workingDayRule(input, policy);
  const through = input.calendarThrough;
  const same: Place = (d) => d;
  return {
    rule,
    earlier: rule === 'off' ? same : (d: CalendarDate) => previousWorkingDay(d, through),
    later: rule === 'off' ? same : (d: CalendarDate) => nextWorkingDay(d, through),
    note(nominal: CalendarDate, date: CalendarDate, counted?: number): string | undefined {
      if (rule === 'off') return undefined;
      const parts: string[] = [];
      if (counted !== undefined && date !== nominal) parts.push(`按工作日计算，到期前第${counted}个工作日`);
      else if (date !== nominal) {
        const kind = dayKind(nominal, through);
        parts.push(`${monthDayLabel(nominal)}为${kind.name ?? '休息日'}，${date < nominal ? '提前' : '顺延'}至${monthDayLabel(date)}`);
      }
      if (!dayKind(date, through).covered) parts.push(`${date.slice(0, 4)}年节假日数据未覆盖，仅避开周末`);
      return parts.length ? parts.join('；') : undefined;
    },
  };
}

/**
 * Every event that can matter at `now`: all one-off events, and for periodic ones the latest
 * occurrence at or before `now` plus the next one. Older periodic occurrences are superseded
 * (one weekly reminder is enough), so they are never candidates.
 */
export function candidateEvents(input: ScheduleInput, policy: DeadlinePolicy, now: number): ScheduledEvent[] {
  const out: ScheduledEvent[] = [];
  const at = (date: CalendarDate) => shanghaiInstant(date, policy.notifyHour).getTime();
  const cal = placement(input, policy);
  /** `days` runs from `from` to `to`; one of them is the event's date. */
  const event = (key: string, type: ScheduledEventType, nominal: CalendarDate, date: CalendarDate, from: CalendarDate, to: CalendarDate, counted?: number): ScheduledEvent => {
    const e: ScheduledEvent = { key, type, at: at(date), date, days: daysBetween(from, to) };
    if (date !== nominal) e.movedFrom = nominal;
    const note = cal.note(nominal, date, counted);
    if (note) e.note = note;
    return e;
  };
  const { deadline } = input;
  if (deadline && input.deadlineTimersActive) {
    for (const n of policy.reminderDaysBefore) {
      const nominal = addDays(deadline, -n);
      const counted = cal.rule === 'count';
      const date = counted ? addWorkingDays(deadline, -n, input.calendarThrough) : cal.earlier(nominal);
      out.push(event(`reminder:${deadline}:${n}`, 'reminder', nominal, date, date, deadline, counted ? n : undefined));
    }
    if (policy.dueDayNotice) out.push(event(`due:${deadline}`, 'due-today', deadline, cal.earlier(deadline), cal.earlier(deadline), deadline));
    // Overdue notices never move earlier: a warning must not arrive before the fact it reports.
    const yellow = addDays(deadline, policy.yellowAfterDays);
    out.push(event(`yellow:${deadline}`, 'warning-yellow', yellow, cal.later(yellow), deadline, cal.later(yellow)));
    const red = addDays(deadline, policy.redAfterDays);
    out.push(event(`red:${deadline}`, 'warning-red', red, cal.later(red), deadline, cal.later(red)));
    out.push(...periodic('overdue-weekly', `overdue:${deadline}`, deadline, policy.overdueReminderEveryDays, now, at, cal.later, event));
  }
  if (input.progressAnchor) {
    out.push(...periodic('progress-request', `progress:${input.progressAnchor}`, input.progressAnchor, policy.longTermProgressEveryDays, now, at, cal.earlier, event));
  }
  if (input.closedOn) {
    const nominal = addDays(input.closedOn, policy.lookBackAfterDays);
    const date = cal.earlier(nominal);
    out.push(event(`lookback:${input.closedOn}`, 'look-back', nominal, date, input.closedOn, date));
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
  place: Place,
  event: (key: string, type: ScheduledEventType, nominal: CalendarDate, date: CalendarDate, from: CalendarDate, to: CalendarDate) => ScheduledEvent,
): ScheduledEvent[] {
  const nominal = (i: number) => addDays(anchor, i * every);
  const fires = (i: number) => at(place(nominal(i)));
  // Occurrences moved onto the same working day are one notice: the latest of them speaks for all.
  const lastSharing = (i: number) => {
    while (fires(i + 1) === fires(i)) i += 1;
    return i;
  };
  const elapsed = daysBetween(anchor, shanghaiDate(now));
  // k counts periods since the anchor; the first occurrence is one period after it.
  let k = Math.max(1, Math.floor(elapsed / every));
  // On calendar days these loops move k by at most one step back; moved dates may need more.
  while (k > 1 && fires(k) > now) k -= 1;
  while (fires(k + 1) <= now) k += 1;
  k = lastSharing(k);
  return [k, lastSharing(k + 1)].map((i) => {
    const date = place(nominal(i));
    return event(`${prefix}:${i}`, type, nominal(i), date, anchor, date);
  });
}

/** Pre-deadline notices lose their point once the deadline day is over. */
function isStale(e: ScheduledEvent, deadline: CalendarDate | undefined, now: number, policy: DeadlinePolicy): boolean {
  if ((e.type === 'reminder' || e.type === 'due-today') && deadline) {
    return now >= shanghaiInstant(addDays(deadline, 1)).getTime() || (e.type === 'reminder' && now >= shanghaiInstant(deadline, policy.notifyHour).getTime());
  }
  return false;
}

/**
 * With the calendar, pre-deadline notices due together say one thing: only the one nearest the
 * deadline goes out. A long holiday moves 7-, 3- and 1-day reminders onto one working day, and a
 * problem that starts (or resumes) late would otherwise get every reminder it missed at once.
 */
function supersededNotices(candidates: ScheduledEvent[], now: number): Set<string> {
  const notices = candidates.filter((e) => (e.type === 'reminder' || e.type === 'due-today') && e.at <= now);
  const nominal = (e: ScheduledEvent) => e.movedFrom ?? e.date;
  const nearest = notices.reduce<ScheduledEvent | undefined>((best, e) => (!best || nominal(e) > nominal(best) ? e : best), undefined);
  return new Set(notices.filter((e) => e !== nearest).map((e) => e.key));
}

export function dueEvents(input: ScheduleInput, policy: DeadlinePolicy, now: number, sent: ReadonlySet<string>): ScheduledEvent[] {
  const candidates = candidateEvents(input, policy, now);
  const superseded = workingDayRule(input, policy) === 'off' ? new Set<string>() : supersededNotices(candidates, now);
  return candidates
    .filter((e) => e.at <= now && !sent.has(e.key) && !isStale(e, input.deadline, now, policy) && !superseded.has(e.key))
    .sort((a, b) => a.at - b.at);
}

export function nextEventAt(input: ScheduleInput, policy: DeadlinePolicy, now: number, sent: ReadonlySet<string>): number | undefined {
  const future = candidateEvents(input, policy, now).filter((e) => e.at > now && !sent.has(e.key));
  return future.length ? Math.min(...future.map((e) => e.at)) : undefined;
}

// ---- Catch-up: events that fell due while the problem was not running. ----

/** Events of one ladder say the same thing at different strengths; one of them at a time is true. */
const LADDER: Record<ScheduledEventType, string> = {
  reminder: 'deadline-ahead',
  'due-today': 'deadline-ahead',
  'warning-yellow': 'warning',
  'warning-red': 'warning',
  'overdue-weekly': 'overdue',
  'progress-request': 'progress',
  'look-back': 'look-back',
};
/** Within a ladder: the due-day notice outranks reminders, the red warning the yellow one. */
const STRENGTH: Partial<Record<ScheduledEventType, number>> = { 'due-today': 1, 'warning-red': 1 };

const stronger = (a: ScheduledEvent, b: ScheduledEvent): boolean => {
  const sa = STRENGTH[a.type] ?? 0;
  const sb = STRENGTH[b.type] ?? 0;
  if (sa !== sb) return sa > sb;
  // The nearer the deadline (or the later the occurrence), the truer the notice.
  const na = a.movedFrom ?? a.date;
  const nb = b.movedFrom ?? b.date;
  return na !== nb ? na > nb : a.at > b.at;
};

export interface SkippedEvent {
  event: ScheduledEvent;
  /** The notice that says it instead. */
  by: ScheduledEvent;
}

/**
 * Of the events due at once, each ladder sends one: the red warning (with its 督办单) rather than
 * the yellow one, the reminder nearest the deadline, the latest overdue reminder. On-time firing
 * rarely has two of a ladder due together; at a late start or after a stopped worker several are,
 * and sending them all would tell people contradictory figures in one breath.
 */
export function collapseDue(due: readonly ScheduledEvent[]): { send: ScheduledEvent[]; skipped: SkippedEvent[] } {
  const best = new Map<string, ScheduledEvent>();
  for (const e of due) {
    const cur = best.get(LADDER[e.type]);
    if (!cur || stronger(e, cur)) best.set(LADDER[e.type], e);
  }
  const send = due.filter((e) => best.get(LADDER[e.type]) === e);
  const skipped = due.filter((e) => best.get(LADDER[e.type]) !== e).map((e) => ({ event: e, by: best.get(LADDER[e.type])! }));
  return { send, skipped };
}

/**
 * The event as sent on `today`: its day count from today (days left shrink, days overdue grow), so
 * a notice sent late states the true figure, never the one of the day it was scheduled for.
 */
export function asOfToday(e: ScheduledEvent, today: CalendarDate): ScheduledEvent {
  if (today === e.date) return e;
  const shift = daysBetween(e.date, today);
  const days = e.type === 'reminder' || e.type === 'due-today' ? e.days - shift : e.days + shift;
  return { ...e, days, late: true };
}
