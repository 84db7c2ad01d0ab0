import type { WorkflowHandle } from '@temporalio/client';
import { addDays, shanghaiDate, shanghaiInstant } from '../../domain/dates';
import type { ProblemData } from '../../domain/problem-types';
import { eventually, stateOf } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// A ledger loaded late, and a worker that comes back after days away: each ladder sends one notice
// with today's figures; the rest is recorded as skipped. The real policy durations (7/3/1 days
// before, yellow 1 day after, red 7 days after, weekly while overdue), on calendar days so the
// dates do not depend on the weekday of the run (the working-day calendar has its own tests).

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

const CALENDAR_DAYS = { workingDays: 'off' };
const problem = (no: number, deadline: string) => ({
  no, aspect: 1, title: `问题标题${no}`, kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
});

/** 10:00 Asia/Shanghai on a day ahead of the test clock: every start happens after that day's 09:00 notices. */
async function tenOClock(daysAhead: number): Promise<{ today: string; at: number }> {
  const today = addDays(shanghaiDate(await h.now()), daysAhead);
  const at = shanghaiInstant(today, 10).getTime();
  await h.env.sleep(at - (await h.now()));
  return { today, at };
}

interface Told {
  kind: string;
  title: string;
  body: string;
  to: string[];
}

async function told(workflowId: string): Promise<Told[]> {
  const { rows } = await h.db.query<{ kind: string; title: string; body: string; to: string[] }>(
    `select kind, title, min(body) as body, array_agg(recipient_id order by recipient_id) as "to"
     from notifications where workflow_id = $1 group by kind, title, dedupe_key order by min(id)`,
    [workflowId],
  );
  return rows;
}

const skippedOf = (s: ProblemData) => s.history.filter((e) => e.action === 'event-skipped').map((e) => ({ summary: e.summary, reason: e.reason }));

async function settled(handle: WorkflowHandle, minEvents: number): Promise<ProblemData> {
  return eventually(async () => {
    const s = await stateOf(handle);
    expect(s.history.filter((e) => e.actor.id === 'system').length).toBeGreaterThanOrEqual(minEvents);
    return s;
  });
}

test('problems loaded 2 days before, on, and 1, 8, 20 and 60 days after their deadline: one notice per ladder, true figures', async () => {
  const { today } = await tenOClock(1);
  const offsets = [2, 0, -1, -8, -20, -60];
  const ledger = smallLedger({ id: uniqueId('late'), problems: offsets.map((o, i) => problem(i + 1, addDays(today, o))), policy: CALENDAR_DAYS });
  const handles = await h.startProblems(ledger);
  const states = await Promise.all(handles.map((x, i) => settled(x, [2, 1, 1, 3, 3, 3][i]!)));
  const [before2, onDay, after1, after8, after20, after60] = states as [ProblemData, ProblemData, ProblemData, ProblemData, ProblemData, ProblemData];
  const byNo = (no: number) => told(handles[no - 1]!.workflowId);
  const dept = ['fin1', 'fin2'];
  const leaderAndOwner = ['fin1', 'vp1'];
  const headAndOffice = ['head', 'office1'];

  // 2 days before: of the 7- and 3-day reminders (both past), the nearer one, saying 2 days.
  await eventually(async () => expect(await byNo(1)).toEqual([{ kind: 'reminder', title: '问题1距整改时限还有2天', body: expect.stringContaining('还有 2 天'), to: dept }]));
  expect(skippedOf(before2)).toEqual([{ summary: `未发送到期提醒（原定${addDays(today, -5)}）：已由「距整改时限还有2天」代替`, reason: '补发时合并，原应通知钱科长、孙会计' }]);

  // On the day: the due-day notice only (the reminders' point has passed).
  await eventually(async () => expect(await byNo(2)).toEqual([{ kind: 'due-today', title: '问题2今日到期', body: expect.stringContaining('今日'), to: dept }]));
  expect(skippedOf(onDay)).toEqual([]);

  // 1 day after: the yellow warning, on its own day.
  await eventually(async () => expect(await byNo(3)).toEqual([{ kind: 'warning-yellow', title: '问题3逾期黄牌预警', body: expect.stringContaining('已逾期 1 天'), to: leaderAndOwner }]));
  expect(after1.warning).toBe('yellow');

  // 8, 20 and 60 days after: red with its 督办单 (not yellow), and one overdue reminder, each with the real count.
  for (const [no, days, s] of [[4, 8, after8], [5, 20, after20], [6, 60, after60]] as const) {
    await eventually(async () => expect(await byNo(no)).toEqual([
      { kind: 'warning-red', title: `问题${no}逾期红牌预警，下发督办单`, body: expect.stringContaining(`督办单：「问题标题${no}」（财务科）已逾期 ${days} 天`), to: headAndOffice },
      { kind: 'overdue-weekly', title: `问题${no}已逾期${days}天`, body: expect.stringContaining(`已逾期 ${days} 天`), to: dept },
    ]));
    expect(s.warning).toBe('red');
    expect(skippedOf(s)).toEqual([{ summary: `未发送黄牌预警（原定${addDays(today, 1 - days)}）：已由「逾期红牌预警，下发督办单」代替`, reason: '补发时合并，原应通知李院长、钱科长' }]);
  }
  // Nothing more goes out today: the next notices come on their own days.
  await h.env.sleep(3 * 3600_000);
  for (const [i, n] of [1, 1, 1, 2, 2, 2].entries()) expect(await byNo(i + 1)).toHaveLength(n);
});

test('a problem that wakes 15 days on, from 5 days before its deadline to 10 days after it: one red warning and one overdue reminder', async () => {
  const { today } = await tenOClock(1);
  const deadline = addDays(today, 5);
  const ledger = smallLedger({ id: uniqueId('stopped'), problems: [problem(1, deadline)], policy: CALENDAR_DAYS });
  const [handle] = await h.startProblems(ledger);
  // At the start the 7-day reminder (two days ago) goes out late, saying 5 days.
  await eventually(async () => expect(await told(handle!.workflowId)).toEqual([{ kind: 'reminder', title: '问题1距整改时限还有5天', body: expect.any(String), to: ['fin1', 'fin2'] }]));

  // A worker away for 15 days. The time-skipping server cannot skip time while a fired timer's task
  // waits for a worker, so the absence is modelled as the run's state carried across it, exactly as
  // continue-as-new carries it: the next run wakes with everything it missed due at once.
  const carried = await stateOf(handle!);
  await handle!.terminate('worker away');
  await h.env.sleep(15 * 86_400_000);
  const woken = await h.client.workflow.start('problemWorkflow', { workflowId: handle!.workflowId, taskQueue: h.taskQueue, args: [{ state: carried }] });

  const s = await settled(woken, 4);
  await eventually(async () =>
    expect((await told(handle!.workflowId)).slice(1)).toEqual([
      { kind: 'warning-red', title: '问题1逾期红牌预警，下发督办单', body: expect.stringContaining('已逾期 10 天'), to: ['head', 'office1'] },
      { kind: 'overdue-weekly', title: '问题1已逾期10天', body: expect.stringContaining('已逾期 10 天'), to: ['fin1', 'fin2'] },
    ]),
  );
  // The 3- and 1-day reminders and the due-day notice lost their point with the deadline and are
  // not sent; the yellow warning was superseded by the red one and is on record as skipped.
  expect(skippedOf(s)).toEqual([{ summary: `未发送黄牌预警（原定${addDays(deadline, 1)}）：已由「逾期红牌预警，下发督办单」代替`, reason: '补发时合并，原应通知李院长、钱科长' }]);
  expect(s.warning).toBe('red');
});
