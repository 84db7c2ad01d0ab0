import { newProblemsOf } from '../../domain/campaign';
import { shanghaiInstant } from '../../domain/dates';
import { upcomingEscalation, type UpcomingEvent } from '../../domain/escalation';
import { applyAction, newProblemData, validateAction } from '../../domain/problem';
import { fireDueEvents, nextWakeAt } from '../../domain/problem-events';
import type { ActionName, ProblemData } from '../../domain/problem-types';
import { smallLedger } from '../support/ledger';

// Expected dates below are written by hand from the default policy (reminders 7/3/1 days before,
// due-day notice, yellow 1 day and red 7 days overdue, weekly while overdue, progress every 30
// days, look-back 90 days after closure, all at 09:00 Shanghai = 01:00Z).
const on = (date: string, hour = 10) => shanghaiInstant(date, hour).getTime();
const SEEN = on('2026-12-01');
const hash = 'b'.repeat(64);

const dept = [{ id: 'fin1', name: '钱科长' }, { id: 'fin2', name: '孙会计' }];
const leaderAndOwner = [{ id: 'vp1', name: '李院长' }, { id: 'fin1', name: '钱科长' }];
const headAndOffice = [{ id: 'head', name: '王书记' }, { id: 'office1', name: '周主任' }];

/** Problem 1 (time-bound, 财务科, leader vp1) with deadline 2026-12-12, or problem 3 (long-term, 人事科). */
function problem(no: 1 | 3, now = SEEN): ProblemData {
  const ledger = smallLedger();
  ledger.problems[0]!.deadline = '2026-12-12';
  ledger.problems[0]!.measures[0]!.due = '2026-12-10';
  return newProblemData(newProblemsOf(ledger, '2026-12-01').find((p) => p.problem.no === no)!, now);
}

/** What the workflow's patch sets for problems started with the calendar; optionally another deadline. */
function withCalendar(d: ProblemData, deadline?: string): ProblemData {
  d.calendarThrough = 2026;
  if (deadline) d.deadline = d.originalDeadline = deadline;
  return d;
}

function act(d: ProblemData, action: ActionName, args: Record<string, unknown>, now = SEEN): void {
  const { args: parsed, actor } = validateAction(d, action, args, now);
  applyAction(d, action, parsed, actor, now);
}

function toInProgress(d: ProblemData): void {
  act(d, 'claim', { actor: 'fin1' });
  act(d, 'submitPlan', { actor: 'fin1' });
  act(d, 'decidePlan', { actor: 'vp1', approve: true });
}

function toLeaderReview(d: ProblemData): void {
  toInProgress(d);
  act(d, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [{ kind: 'text', text: '办法已印发', sha256: hash }] });
  act(d, 'requestClosure', { actor: 'fin1' });
}

const brief = (events: UpcomingEvent[]) => events.map((e) => [e.label, e.date, e.days, e.recipients.map((p) => p.id).join(','), e.title]);

describe('upcoming escalation of one problem', () => {
  it('lists the default ladder for deadline 2026-12-12 seen on 2026-12-01, with recipients and titles', () => {
    const list = upcomingEscalation(problem(1), SEEN, 10);
    expect(list.map((e) => [e.type, e.at])).toEqual([
      ['reminder', '2026-12-05T01:00:00.000Z'],
      ['reminder', '2026-12-09T01:00:00.000Z'],
      ['reminder', '2026-12-11T01:00:00.000Z'],
      ['due-today', '2026-12-12T01:00:00.000Z'],
      ['warning-yellow', '2026-12-13T01:00:00.000Z'],
      ['warning-red', '2026-12-19T01:00:00.000Z'],
      ['overdue-weekly', '2026-12-19T01:00:00.000Z'],
      ['overdue-weekly', '2026-12-26T01:00:00.000Z'],
      ['overdue-weekly', '2027-01-02T01:00:00.000Z'],
      ['overdue-weekly', '2027-01-09T01:00:00.000Z'],
    ]);
    expect(brief(list)).toEqual([
      ['到期提醒', '2026-12-05', 7, 'fin1,fin2', '问题1距整改时限还有7天'],
      ['到期提醒', '2026-12-09', 3, 'fin1,fin2', '问题1距整改时限还有3天'],
      ['到期提醒', '2026-12-11', 1, 'fin1,fin2', '问题1距整改时限还有1天'],
      ['到期通知', '2026-12-12', 0, 'fin1,fin2', '问题1今日到期'],
      ['黄牌预警', '2026-12-13', 1, 'vp1,fin1', '问题1逾期黄牌预警'],
      ['红牌预警、督办', '2026-12-19', 7, 'head,office1', '问题1逾期红牌预警，下发督办单'],
      ['逾期提醒', '2026-12-19', 7, 'fin1,fin2', '问题1已逾期7天'],
      ['逾期提醒', '2026-12-26', 14, 'fin1,fin2', '问题1已逾期14天'],
      ['逾期提醒', '2027-01-02', 21, 'fin1,fin2', '问题1已逾期21天'],
      ['逾期提醒', '2027-01-09', 28, 'fin1,fin2', '问题1已逾期28天'],
    ]);
    expect(list[0]).toEqual({
      key: 'reminder:2026-12-12:7', type: 'reminder', label: '到期提醒', at: '2026-12-05T01:00:00.000Z', date: '2026-12-05', days: 7, recipients: dept, title: '问题1距整改时限还有7天',
    });
    expect(list[4]!.recipients).toEqual(leaderAndOwner);
    expect(list[5]!.recipients).toEqual(headAndOffice);
  });

  it('shows six events by default', () => {
    expect(upcomingEscalation(problem(1), SEEN).map((e) => e.date)).toEqual(['2026-12-05', '2026-12-09', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-19']);
  });

  it('leaves out what was sent and what fires at once, and starts from the next instant', () => {
    const d = problem(1);
    d.sent.push('reminder:2026-12-12:7');
    const seen = on('2026-12-10');
    // The 3-day reminder of 12-09 is still due (before the deadline's 09:00): the workflow sends it now.
    expect(upcomingEscalation(d, seen, 3).map((e) => [e.key, e.date])).toEqual([
      ['reminder:2026-12-12:1', '2026-12-11'],
      ['due:2026-12-12', '2026-12-12'],
      ['yellow:2026-12-12', '2026-12-13'],
    ]);
    d.sent.push('reminder:2026-12-12:1');
    expect(upcomingEscalation(d, seen, 1).map((e) => e.key)).toEqual(['due:2026-12-12']);
    // Exactly at an event's instant it is firing, not upcoming.
    expect(upcomingEscalation(problem(1), on('2026-12-05', 9), 1).map((e) => e.date)).toEqual(['2026-12-09']);
  });

  it('moves every date after an approved extension', () => {
    const d = problem(1);
    toInProgress(d);
    act(d, 'requestExtension', { actor: 'fin1', until: '2027-01-31', reason: '需经职代会审议' });
    expect(upcomingEscalation(d, SEEN, 1).map((e) => e.date)).toEqual(['2026-12-05']);
    act(d, 'decideExtension', { actor: 'head', approve: true });
    expect(brief(upcomingEscalation(d, SEEN, 7))).toEqual([
      ['到期提醒', '2027-01-24', 7, 'fin1,fin2', '问题1距整改时限还有7天'],
      ['到期提醒', '2027-01-28', 3, 'fin1,fin2', '问题1距整改时限还有3天'],
      ['到期提醒', '2027-01-30', 1, 'fin1,fin2', '问题1距整改时限还有1天'],
      ['到期通知', '2027-01-31', 0, 'fin1,fin2', '问题1今日到期'],
      ['黄牌预警', '2027-02-01', 1, 'vp1,fin1', '问题1逾期黄牌预警'],
      ['红牌预警、督办', '2027-02-07', 7, 'head,office1', '问题1逾期红牌预警，下发督办单'],
      ['逾期提醒', '2027-02-07', 7, 'fin1,fin2', '问题1已逾期7天'],
    ]);
  });

  it('has no deadline events while a closure is under review, and has them again once returned', () => {
    const d = problem(1);
    toLeaderReview(d);
    expect(d.status).toBe('leader_review');
    expect(upcomingEscalation(d, SEEN)).toEqual([]);
    act(d, 'reviewClosure', { actor: 'vp1', approve: false, reason: '佐证不足' });
    expect(upcomingEscalation(d, SEEN, 1).map((e) => e.key)).toEqual(['reminder:2026-12-12:7']);
  });

  it('asks a long-term problem for progress every 30 days from its start, also under review', () => {
    const d = problem(3);
    expect(brief(upcomingEscalation(d, SEEN, 4))).toEqual([
      ['进展催报', '2026-12-31', 30, 'hr1', '问题3请报送长期整改进展'],
      ['进展催报', '2027-01-30', 60, 'hr1', '问题3请报送长期整改进展'],
      ['进展催报', '2027-03-01', 90, 'hr1', '问题3请报送长期整改进展'],
      ['进展催报', '2027-03-31', 120, 'hr1', '问题3请报送长期整改进展'],
    ]);
    d.status = 'leader_review';
    expect(upcomingEscalation(d, on('2027-01-05'), 1).map((e) => [e.type, e.date])).toEqual([['progress-request', '2027-01-30']]);
  });

  it('shows a closed problem its look-back 90 days after closure, and nothing once confirmed', () => {
    const d = problem(1);
    toLeaderReview(d);
    act(d, 'reviewClosure', { actor: 'vp1', approve: true });
    act(d, 'verifyClosure', { actor: 'office1', approve: true });
    act(d, 'approveClosure', { actor: 'head', approve: true });
    expect(upcomingEscalation(d, SEEN)).toEqual([
      { key: 'lookback:2026-12-01', type: 'look-back', label: '回头看提醒', at: '2027-03-01T01:00:00.000Z', date: '2027-03-01', days: 90, recipients: [{ id: 'office1', name: '周主任' }], title: '问题1回头看' },
    ]);
    act(d, 'confirmLookBack', { actor: 'office1' });
    expect(upcomingEscalation(d, SEEN)).toEqual([]);
  });
});

describe('upcoming escalation with the working-day calendar', () => {
  it('says why a date moved: a holiday, a weekend, a year without data', () => {
    const list = upcomingEscalation(withCalendar(problem(1), '2026-10-08'), on('2026-09-01'), 3);
    expect(list.map((e) => [e.key, e.date, e.title, e.note])).toEqual([
      ['reminder:2026-10-08:1', '2026-09-30', '问题1距整改时限还有8天', '10月7日为国庆节，提前至9月30日'],
      ['due:2026-10-08', '2026-10-08', '问题1今日到期', undefined],
      ['yellow:2026-10-08', '2026-10-09', '问题1逾期黄牌预警', undefined],
    ]);
    // Deadline Saturday 2026-12-12: the due-day notice goes on Friday and says so.
    expect(upcomingEscalation(withCalendar(problem(1)), SEEN, 8).map((e) => [e.date, e.label, e.title, e.note])).toEqual([
      ['2026-12-04', '到期提醒', '问题1距整改时限还有8天', '12月5日为周六，提前至12月4日'],
      ['2026-12-09', '到期提醒', '问题1距整改时限还有3天', undefined],
      ['2026-12-11', '到期通知', '问题1距整改时限还有1天（到期前最后一个工作日）', '12月12日为周六，提前至12月11日'],
      ['2026-12-14', '黄牌预警', '问题1逾期黄牌预警', '12月13日为周日，顺延至12月14日'],
      ['2026-12-21', '红牌预警、督办', '问题1逾期红牌预警，下发督办单', '12月19日为周六，顺延至12月21日'],
      ['2026-12-21', '逾期提醒', '问题1已逾期9天', '12月19日为周六，顺延至12月21日'],
      ['2026-12-28', '逾期提醒', '问题1已逾期16天', '12月26日为周六，顺延至12月28日'],
      ['2027-01-04', '逾期提醒', '问题1已逾期23天', '1月2日为周六，顺延至1月4日；2027年节假日数据未覆盖，仅避开周末'],
    ]);
  });
});

describe('cross-check with the workflow side', () => {
  const scenarios: [string, () => ProblemData, number][] = [
    ['fresh deadline', () => problem(1), SEEN],
    ['mid-ladder, with events due at once', () => problem(1), on('2026-12-10')],
    ['long overdue', () => problem(1), on('2027-02-20')],
    ['extended', () => { const d = problem(1); toInProgress(d); act(d, 'requestExtension', { actor: 'fin1', until: '2027-01-31', reason: '设备未到' }); act(d, 'decideExtension', { actor: 'head', approve: true }); return d; }, SEEN],
    ['long-term', () => problem(3), on('2027-01-05')],
    ['closed', () => { const d = problem(1); d.status = 'closed'; d.closedOn = '2026-12-01'; return d; }, SEEN],
    // The working-day calendar on (what the workflow sets behind its patch): moved, merged and
    // superseded events, and 2027 on weekends only.
    ['calendar: weekends, merged notices, 2027 fallback', () => withCalendar(problem(1)), SEEN],
    ['calendar: across 国庆', () => withCalendar(problem(1), '2026-10-08'), on('2026-09-01')],
    ['calendar: started inside 国庆', () => withCalendar(problem(1), '2026-10-08'), on('2026-10-02')],
    ['calendar: counted in working days', () => { const d = withCalendar(problem(1), '2026-02-24'); d.policy = { ...d.policy, workingDays: 'count' }; return d; }, on('2026-01-20')],
    ['calendar: overdue across the Spring Festival', () => withCalendar(problem(1), '2026-02-01'), on('2026-02-02')],
    ['calendar: long-term', () => withCalendar(problem(3)), on('2026-08-20')],
    ['calendar: closed', () => { const d = withCalendar(problem(1)); d.status = 'closed'; d.closedOn = '2026-07-03'; return d; }, on('2026-07-03')],
  ];

  it.each(scenarios)('%s: fireDueEvents at each predicted instant fires exactly the predicted events', (_name, make, now) => {
    const d = make();
    const predicted = upcomingEscalation(d, now, 12);
    expect(predicted.length).toBeGreaterThan(0);
    const copy = structuredClone(d);
    // What is due at `now` fires first and is not part of the forecast.
    const atOnce = fireDueEvents(copy, now).map((n) => n.dedupeKey);
    expect(atOnce.some((k) => predicted.some((e) => e.key === k))).toBe(false);
    const instants = [...new Set(predicted.map((e) => Date.parse(e.at)))];
    const fired: { key: string; type: string; at: string; recipients: unknown; title: string }[] = [];
    let t = now;
    for (const instant of instants) {
      // The workflow's timer wakes it exactly there.
      expect(new Date(nextWakeAt(copy, t)!).toISOString()).toBe(new Date(instant).toISOString());
      for (const n of fireDueEvents(copy, instant)) fired.push({ key: n.dedupeKey, type: n.kind, at: new Date(instant).toISOString(), recipients: n.recipients, title: n.title });
      t = instant;
    }
    const expected = predicted.map(({ key, type, at, recipients, title }) => ({ key, type, at, recipients, title }));
    // The last instant may hold more events than the limit left room for.
    expect(fired.slice(0, expected.length)).toEqual(expected);
    expect(copy.history.slice(d.history.length + atOnce.length).map((h) => h.action).slice(0, expected.length)).toEqual(predicted.map((e) => e.type));
  });
});
