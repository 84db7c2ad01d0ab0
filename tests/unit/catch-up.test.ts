import { shanghaiInstant } from '../../domain/dates';
import { asOfToday, collapseDue, DEFAULT_POLICY, dueEvents, type ScheduledEvent } from '../../domain/policy';

// The catch-up rule alone: of events due together, one per ladder; figures counted from today.

const off = { ...DEFAULT_POLICY, workingDays: 'off' as const };
const input = (deadline: string) => ({ deadline, deadlineTimersActive: true, calendarThrough: 2026 });
const at = (date: string, hour = 10) => shanghaiInstant(date, hour).getTime();
const types = (es: ScheduledEvent[]) => es.map((e) => `${e.type}:${e.days}`);

test('on time, one event per ladder at a time: nothing collapses and the figures are those of the day', () => {
  for (const day of ['2026-12-03', '2026-12-07', '2026-12-10', '2026-12-11', '2026-12-17']) {
    const due = dueEvents(input('2026-12-10'), off, at(day), new Set());
    const sentSoFar = new Set(dueEvents(input('2026-12-10'), off, at(day) - 86_400_000, new Set()).map((e) => e.key));
    const today = due.filter((e) => !sentSoFar.has(e.key));
    const { send, skipped } = collapseDue(today);
    expect(skipped).toEqual([]);
    expect(send.map((e) => asOfToday(e, day))).toEqual(send);
  }
});

test('20 days overdue at once: the red warning and the latest weekly reminder, yellow skipped in favour of red', () => {
  const due = dueEvents(input('2026-11-10'), off, at('2026-11-30'), new Set());
  expect(types(due)).toEqual(['warning-yellow:1', 'warning-red:7', 'overdue-weekly:14']);
  const { send, skipped } = collapseDue(due);
  expect(types(send.map((e) => asOfToday(e, '2026-11-30')))).toEqual(['warning-red:20', 'overdue-weekly:20']);
  expect(skipped.map((s) => `${s.event.type}→${s.by.type}`)).toEqual(['warning-yellow→warning-red']);
});

test('2 days before the deadline: the 3-day reminder says 2 days; the 7-day one is skipped for it', () => {
  const due = dueEvents(input('2026-12-02'), off, at('2026-11-30'), new Set());
  const { send, skipped } = collapseDue(due);
  expect(types(send.map((e) => asOfToday(e, '2026-11-30')))).toEqual(['reminder:2']);
  expect(types(skipped.map((s) => s.event))).toEqual(['reminder:7']);
  expect(asOfToday(send[0]!, '2026-11-30').late).toBe(true);
});
