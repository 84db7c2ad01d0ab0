import { shanghaiInstant } from '../../domain/dates';
import { DEFAULT_POLICY, dueEvents, nextEventAt, ScheduleInput } from '../../domain/policy';

const at = (date: string, hour = 9) => shanghaiInstant(date, hour).getTime();
const active: ScheduleInput = { deadline: '2025-12-31', deadlineTimersActive: true };

describe('deadline policy schedule', () => {
  it('has the product defaults', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      reminderDaysBefore: [7, 3, 1],
      dueDayNotice: true,
      yellowAfterDays: 1,
      redAfterDays: 7,
      overdueReminderEveryDays: 7,
      longTermProgressEveryDays: 30,
      lookBackAfterDays: 90,
      extensionApprover: 'head',
    });
  });

  it('walks reminders, due-day notice and warnings in order at 09:00 Shanghai', () => {
    const sent = new Set<string>();
    const fired: string[] = [];
    let now = at('2025-12-01', 0);
    for (let i = 0; i < 10; i++) {
      const next = nextEventAt(active, DEFAULT_POLICY, now, sent);
      if (next === undefined) break;
      now = next;
      for (const e of dueEvents(active, DEFAULT_POLICY, now, sent)) {
        sent.add(e.key);
        fired.push(`${e.type}@${new Date(e.at).toISOString()}`);
      }
    }
    expect(fired.slice(0, 7)).toEqual([
      'reminder@2025-12-24T01:00:00.000Z',
      'reminder@2025-12-28T01:00:00.000Z',
      'reminder@2025-12-30T01:00:00.000Z',
      'due-today@2025-12-31T01:00:00.000Z',
      'warning-yellow@2026-01-01T01:00:00.000Z',
      'warning-red@2026-01-07T01:00:00.000Z',
      'overdue-weekly@2026-01-07T01:00:00.000Z',
    ]);
    expect(fired[7]).toBe('overdue-weekly@2026-01-14T01:00:00.000Z');
  });

  it('drops reminders whose moment has passed but still escalates', () => {
    const due = dueEvents(active, DEFAULT_POLICY, at('2026-01-02'), new Set());
    expect(due.map((e) => e.type)).toEqual(['warning-yellow']);
  });

  it('sends only the latest weekly overdue reminder after a long pause', () => {
    const sent = new Set(['yellow:2025-12-31', 'red:2025-12-31']);
    const due = dueEvents(active, DEFAULT_POLICY, at('2026-02-20'), sent);
    expect(due.map((e) => e.key)).toEqual(['overdue:2025-12-31:7']);
  });

  it('schedules nothing for the deadline while timers are paused', () => {
    const paused = { ...active, deadlineTimersActive: false };
    expect(nextEventAt(paused, DEFAULT_POLICY, at('2025-12-01'), new Set())).toBeUndefined();
  });

  it('asks long-term problems for progress every 30 days and looks back 90 days after closure', () => {
    const longTerm: ScheduleInput = { deadlineTimersActive: false, progressAnchor: '2025-01-01' };
    expect(nextEventAt(longTerm, DEFAULT_POLICY, at('2025-01-01'), new Set())).toBe(at('2025-01-31'));
    expect(nextEventAt(longTerm, DEFAULT_POLICY, at('2025-01-31'), new Set(['progress:2025-01-01:1']))).toBe(at('2025-03-02'));
    const closed: ScheduleInput = { deadlineTimersActive: false, closedOn: '2025-03-01' };
    expect(nextEventAt(closed, DEFAULT_POLICY, at('2025-03-01'), new Set())).toBe(at('2025-05-30'));
  });
});
