import { shanghaiInstant } from '../../domain/dates';
import { DEFAULT_POLICY, DeadlinePolicy, DeadlinePolicySchema, dueEvents, nextEventAt, ScheduleInput } from '../../domain/policy';

// The schedule with the working-day calendar (holiday data through 2026). Every expected date is
// written by hand from the 2026 notices: 春节 2月15日–23日 (调休上班 2月14日 Sat, 2月28日 Sat),
// 中秋 9月25日–27日, 国庆 10月1日–7日 (调休上班 9月20日 Sun, 10月10日 Sat); 09:00 Shanghai = 01:00Z.
const at = (date: string, hour = 9) => shanghaiInstant(date, hour).getTime();
const policy = (workingDays: DeadlinePolicy['workingDays']) => DeadlinePolicySchema.parse({ workingDays });
const withCalendar = (input: Omit<ScheduleInput, 'calendarThrough'>): ScheduleInput => ({ ...input, calendarThrough: 2026 });

type Fired = { key: string; date: string; days: number; note?: string };

/** Walks the schedule as the workflow does: fire what is due, wake at the next event, and so on. */
function walk(input: ScheduleInput, p: DeadlinePolicy, from: number, wakes = 12): Fired[] {
  const sent = new Set<string>();
  const fired: Fired[] = [];
  const fire = (now: number) => {
    for (const e of dueEvents(input, p, now, sent)) {
      sent.add(e.key);
      fired.push({ key: e.key, date: e.date, days: e.days, ...(e.note ? { note: e.note } : {}) });
    }
  };
  fire(from);
  let now = from;
  for (let i = 0; i < wakes; i++) {
    const next = nextEventAt(input, p, now, sent);
    if (next === undefined) break;
    // Always 09:00 on the event's (possibly moved) date.
    expect(new Date(next).getUTCHours()).toBe(1);
    now = next;
    fire(now);
  }
  return fired;
}

describe('schedule on China working days', () => {
  it("defaults to 'shift'", () => {
    expect(DEFAULT_POLICY.workingDays).toBe('shift');
  });

  it('shift: the reminders due in 国庆 all go out on 9月30日 as one notice; the deadline day is a working day', () => {
    const fired = walk(withCalendar({ deadline: '2026-10-08', deadlineTimersActive: true }), policy('shift'), at('2026-09-01', 0), 6);
    expect(fired).toEqual([
      // 7 (10-01), 3 (10-05) and 1 (10-07) days before all land on Wednesday 09-30: the nearest speaks.
      { key: 'reminder:2026-10-08:1', date: '2026-09-30', days: 8, note: '10月7日为国庆节，提前至9月30日' },
      { key: 'due:2026-10-08', date: '2026-10-08', days: 0 },
      { key: 'yellow:2026-10-08', date: '2026-10-09', days: 1 },
      { key: 'red:2026-10-08', date: '2026-10-15', days: 7 },
      { key: 'overdue:2026-10-08:1', date: '2026-10-15', days: 7 },
      { key: 'overdue:2026-10-08:2', date: '2026-10-22', days: 14 },
      { key: 'overdue:2026-10-08:3', date: '2026-10-29', days: 21 },
    ]);
  });

  it('shift: across the Spring Festival the reminders go out on the make-up Saturday 2月14日', () => {
    const fired = walk(withCalendar({ deadline: '2026-02-24', deadlineTimersActive: true }), policy('shift'), at('2026-02-01', 0), 2);
    expect(fired.slice(0, 2)).toEqual([
      { key: 'reminder:2026-02-24:1', date: '2026-02-14', days: 10, note: '2月23日为春节，提前至2月14日' },
      { key: 'due:2026-02-24', date: '2026-02-24', days: 0 },
    ]);
  });

  it('shift: weekends move reminders and the due-day notice earlier, overdue warnings later', () => {
    // Deadline Sunday 2026-12-20: 7 days before is Sunday 12-13 → Friday 12-11; 3 days before Thursday
    // 12-17; 1 day before Saturday 12-19 and the day itself → Friday 12-18 (one notice, the due day's);
    // yellow Monday 12-21; red and the first weekly reminder Sunday 12-27 → Monday 12-28.
    const fired = walk(withCalendar({ deadline: '2026-12-20', deadlineTimersActive: true }), policy('shift'), at('2026-12-01', 0), 6);
    expect(fired).toEqual([
      { key: 'reminder:2026-12-20:7', date: '2026-12-11', days: 9, note: '12月13日为周日，提前至12月11日' },
      { key: 'reminder:2026-12-20:3', date: '2026-12-17', days: 3 },
      { key: 'due:2026-12-20', date: '2026-12-18', days: 2, note: '12月20日为周日，提前至12月18日' },
      { key: 'yellow:2026-12-20', date: '2026-12-21', days: 1 },
      { key: 'red:2026-12-20', date: '2026-12-28', days: 8, note: '12月27日为周日，顺延至12月28日' },
      { key: 'overdue:2026-12-20:1', date: '2026-12-28', days: 8, note: '12月27日为周日，顺延至12月28日' },
      { key: 'overdue:2026-12-20:2', date: '2027-01-04', days: 15, note: '1月3日为周日，顺延至1月4日；2027年节假日数据未覆盖，仅避开周末' },
    ]);
  });

  it('shift: an overdue warning falling in 国庆 waits for the first working day after it', () => {
    const fired = walk(withCalendar({ deadline: '2026-09-30', deadlineTimersActive: true }), policy('shift'), at('2026-09-30', 10), 3);
    expect(fired.map((e) => [e.key, e.date, e.days])).toEqual([
      // Seen at 10:00 on the deadline day: the due-day notice is still due and goes at once.
      ['due:2026-09-30', '2026-09-30', 0],
      ['yellow:2026-09-30', '2026-10-08', 8],
      ['red:2026-09-30', '2026-10-08', 8],
      ['overdue:2026-09-30:1', '2026-10-08', 8],
      ['overdue:2026-09-30:2', '2026-10-14', 14],
      ['overdue:2026-09-30:3', '2026-10-21', 21],
    ]);
  });

  it('count: reminder offsets are working days, skipping the Spring Festival', () => {
    // Back from Tuesday 02-24: 02-14 (make-up Saturday) is the 1st working day, 02-12 the 3rd, 02-06 the 7th.
    const fired = walk(withCalendar({ deadline: '2026-02-24', deadlineTimersActive: true }), policy('count'), at('2026-02-01', 0), 4);
    expect(fired.slice(0, 4)).toEqual([
      { key: 'reminder:2026-02-24:7', date: '2026-02-06', days: 18, note: '按工作日计算，到期前第7个工作日' },
      { key: 'reminder:2026-02-24:3', date: '2026-02-12', days: 12, note: '按工作日计算，到期前第3个工作日' },
      { key: 'reminder:2026-02-24:1', date: '2026-02-14', days: 10, note: '按工作日计算，到期前第1个工作日' },
      { key: 'due:2026-02-24', date: '2026-02-24', days: 0 },
    ]);
  });

  it("off: calendar days as before, holidays or not; so is a problem without the calendar, whatever its policy", () => {
    const expected = [
      { key: 'reminder:2026-02-24:7', date: '2026-02-17', days: 7 },
      { key: 'reminder:2026-02-24:3', date: '2026-02-21', days: 3 },
      { key: 'reminder:2026-02-24:1', date: '2026-02-23', days: 1 },
      { key: 'due:2026-02-24', date: '2026-02-24', days: 0 },
    ];
    const input = { deadline: '2026-02-24', deadlineTimersActive: true };
    expect(walk(withCalendar(input), policy('off'), at('2026-02-01', 0), 4).slice(0, 4)).toEqual(expected);
    expect(walk(input, policy('count'), at('2026-02-01', 0), 4).slice(0, 4)).toEqual(expected);
  });

  it('a problem starting inside the holiday gets one reminder, not every one it missed', () => {
    const input = withCalendar({ deadline: '2026-10-08', deadlineTimersActive: true });
    expect(dueEvents(input, policy('shift'), at('2026-10-02', 12), new Set()).map((e) => e.key)).toEqual(['reminder:2026-10-08:1']);
    // Once that one is sent, the 7- and 3-day reminders stay superseded (no late burst on 10-05).
    expect(dueEvents(input, policy('shift'), at('2026-10-05', 12), new Set(['reminder:2026-10-08:1']))).toEqual([]);
    expect(nextEventAt(input, policy('shift'), at('2026-10-05', 12), new Set(['reminder:2026-10-08:1']))).toBe(at('2026-10-08'));
    // Without the calendar the recorded behaviour stays: what is due fires, one per key.
    expect(dueEvents({ deadline: '2026-10-08', deadlineTimersActive: true }, policy('shift'), at('2026-10-02', 12), new Set()).map((e) => e.key)).toEqual(['reminder:2026-10-08:7']);
  });

  it('progress requests and the look-back move to the working day before', () => {
    const longTerm = withCalendar({ deadlineTimersActive: false, progressAnchor: '2026-09-01' });
    // 30 days after 09-01 is 10-01 (国庆) → 09-30; 60 days is 10-31 (Saturday) → 10-30.
    expect(walk(longTerm, policy('shift'), at('2026-09-01', 10), 2).map((e) => [e.key, e.date, e.days])).toEqual([
      ['progress:2026-09-01:1', '2026-09-30', 29],
      ['progress:2026-09-01:2', '2026-10-30', 59],
    ]);
    const closed = withCalendar({ deadlineTimersActive: false, closedOn: '2026-07-03' });
    expect(walk(closed, policy('shift'), at('2026-07-03', 10))).toEqual([
      { key: 'lookback:2026-07-03', date: '2026-09-30', days: 89, note: '10月1日为国庆节，提前至9月30日' },
    ]);
  });

  it('weekly reminders moved onto one day by the Spring Festival fire once, the latest key', () => {
    // Deadline 2026-02-01: weekly on 02-08 (Sunday → 02-09), 02-15 and 02-22 (春节 → both 02-24), 03-01 (Sunday → 03-02).
    const input = withCalendar({ deadline: '2026-02-01', deadlineTimersActive: true });
    const weekly = walk(input, policy('shift'), at('2026-02-02', 12), 6).filter((e) => e.key.startsWith('overdue:')).slice(0, 4);
    expect(weekly.map((e) => [e.key, e.date])).toEqual([
      ['overdue:2026-02-01:1', '2026-02-09'],
      ['overdue:2026-02-01:3', '2026-02-24'],
      ['overdue:2026-02-01:4', '2026-03-02'],
      ['overdue:2026-02-01:5', '2026-03-09'],
    ]);
  });
});
