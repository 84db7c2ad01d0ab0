import { calendarCoverage, dayKind } from '../../domain/calendar';
import { addDays, daysBetween, shanghaiDate } from '../../domain/dates';
import { upcomingEscalation } from '../../domain/escalation';
import { campaignWorkflowId } from '../../domain/ids';
import { act, DAY, eventually, nineOn, shanghaiMinute, stateOf, systemEvents, toInProgress } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

const problem = (no: number, deadline: string) => ({
  no, aspect: 1, title: `财务问题${no}`, kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
  measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }],
});

/**
 * The first Sunday at least 20 days ahead with no statutory holiday or make-up day within two weeks
 * either side, so only the weekend rules below apply whatever the day of the run. The calendar only
 * picks the scenario; the expected dates are written by hand from the weekday.
 */
function quietSunday(today: string): string {
  for (let d = addDays(today, 20); ; d = addDays(d, 1)) {
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 0) continue;
    const window = Array.from({ length: 31 }, (_, i) => addDays(d, i - 14));
    if (window.every((x) => [undefined, '周六', '周日'].includes(dayKind(x).name))) return d;
  }
}

test('a Sunday deadline: reminders and the due-day notice go out on Friday, warnings on Monday, as the desk foretold', async () => {
  const now = await h.now();
  const deadline = quietSunday(shanghaiDate(now));
  const [handle] = await h.startProblems(smallLedger({ id: uniqueId('cal'), problems: [problem(1, deadline)] }));
  const start = await eventually(async () => {
    const s = await stateOf(handle!);
    expect(s.calendarThrough).toBe(calendarCoverage().to);
    return s;
  });
  const forecast = upcomingEscalation(start, now, 7);

  await h.env.sleep((daysBetween(shanghaiDate(now), deadline) + 16) * DAY);
  const s = await eventually(async () => {
    const st = await stateOf(handle!);
    expect(systemEvents(st)).toHaveLength(7);
    return st;
  });
  expect(systemEvents(s)).toEqual([
    ['reminder', nineOn(deadline, -9)], // 7 days before is a Sunday: the Friday before
    ['reminder', nineOn(deadline, -3)], // Thursday
    ['due-today', nineOn(deadline, -2)], // the 1-day reminder (Saturday) and the day (Sunday): one notice on Friday
    ['warning-yellow', nineOn(deadline, 1)], // Monday
    ['warning-red', nineOn(deadline, 8)], // 7 days overdue is a Sunday: the Monday after
    ['overdue-weekly', nineOn(deadline, 8)],
    ['overdue-weekly', nineOn(deadline, 15)],
  ]);
  expect(s.history.filter((e) => e.actor.id === 'system').map((e) => e.summary).slice(0, 3)).toEqual([
    '距整改时限还有9天',
    '距整改时限还有3天',
    '距整改时限还有2天（到期前最后一个工作日）',
  ]);
  // The desk's forecast, taken at the start from the same state, is what fired.
  expect(forecast.map((e) => [e.type, shanghaiMinute(Date.parse(e.at))])).toEqual(systemEvents(s));
  expect(forecast[0]!.note).toMatch(/为周日，提前至/);
  const { rows } = await h.db.query<{ n: string }>("select count(*) as n from notifications where workflow_id = $1 and kind = 'reminder'", [handle!.workflowId]);
  expect(Number(rows[0]!.n)).toBe(4); // two reminders × 钱科长 and 孙会计: the merged one never went out
});

test('dates beyond the holiday data: the office is told once per campaign and year, never silently', async () => {
  const today = shanghaiDate(await h.now());
  const { to } = calendarCoverage();
  // A year the data does not cover, in the future whatever the day of the run.
  const year = Math.max(to, Number(today.slice(0, 4))) + 1;
  const id = uniqueId('uncovered');
  const [p1, p2] = await h.startProblems(smallLedger({ id, problems: [problem(1, `${year}-03-15`), problem(2, `${year}-04-15`)] }));
  const notices = async () =>
    (
      await h.db.query<{ recipient_id: string; workflow_id: string; problem_no: number | null; title: string; dedupe_key: string }>(
        "select recipient_id, workflow_id, problem_no, title, dedupe_key from notifications where campaign_id = $1 and kind = 'calendar-uncovered' order by id",
        [id],
      )
    ).rows;
  const notice = (y: number) => ({
    recipient_id: 'office1',
    workflow_id: campaignWorkflowId(id),
    problem_no: null,
    title: `节假日数据只到${to}年，${y}年的提醒按周末计算，请更新节假日数据`,
    dedupe_key: `${campaignWorkflowId(id)}:calendar-uncovered:${y}`,
  });

  // Both problems asked; the outbox kept one.
  await eventually(async () => {
    for (const p of [p1!, p2!]) expect((await stateOf(p)).sent).toContain(`calendar-uncovered:${year}`);
    expect(await notices()).toEqual([notice(year)]);
  });

  // An extension into the next uncovered year tells the office about that year, once.
  const until = `${year + 1}-01-20`;
  for (const p of [p1!, p2!]) {
    await toInProgress(p);
    await act(p, 'requestExtension', { actor: 'fin1', until, reason: '需经职代会审议' });
    await act(p, 'decideExtension', { actor: 'head', approve: true });
  }
  await eventually(async () => {
    for (const p of [p1!, p2!]) expect((await stateOf(p)).sent).toContain(`calendar-uncovered:${year + 1}`);
    expect(await notices()).toEqual([notice(year), notice(year + 1)]);
  });
});

test("a campaign whose policy ignores holidays ('off') is not told anything", async () => {
  const today = shanghaiDate(await h.now());
  const year = Math.max(calendarCoverage().to, Number(today.slice(0, 4))) + 1;
  const id = uniqueId('offcal');
  const [p] = await h.startProblems(smallLedger({ id, policy: { workingDays: 'off' }, problems: [problem(1, `${year}-03-15`)] }));
  // An action answers once its flush is done: whatever the start would have queued is written by then.
  await act(p!, 'claim', { actor: 'fin1' });
  const s = await stateOf(p!);
  expect(s.sent).toEqual([]);
  const { rows } = await h.db.query("select 1 from notifications where campaign_id = $1 and kind = 'calendar-uncovered'", [id]);
  expect(rows).toEqual([]);
});
