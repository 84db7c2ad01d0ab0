import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workflowBundle } from '../support/bundle';

const DIR = path.join(__dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (file: string) => historyFromJSON(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')));
const replay = (code: string, file: string) => Worker.runReplayHistory({ workflowBundle: { code } }, load(file), path.basename(file, '.json'));

/** Recorded before the working-day calendar: no patch marker, calendar days. */
const BEFORE_CALENDAR = ['campaign-period-end.json', 'problem-continued-as-new.json', 'problem-escalation.json', 'problem-lifecycle.json'];
const WORKING_DAYS = 'problem-working-days.json';
/** A ledger loaded 8 days late: recorded with the catch-up patch. */
const CATCH_UP = 'problem-catch-up.json';
/** Started from the first step written when the ledger was loaded (domain/first-run.ts). */
const LOADED_START = 'problem-loaded-start.json';
/** The same scenario recorded with the 'one-write-per-flush' patch: state and notices in one activity. */
const ONE_WRITE = 'problem-one-write.json';

test('histories recorded from real runs are committed', () => {
  expect(files.sort()).toEqual([...BEFORE_CALENDAR, WORKING_DAYS, CATCH_UP, LOADED_START, ONE_WRITE].sort());
});

test.each(files)('%s replays deterministically on the current workflow code', async (file) => {
  const history = load(file);
  expect(history.events?.length).toBeGreaterThan(10);
  await expect(replay(workflowBundle().code, file)).resolves.toBeUndefined();
});

const shanghai = (e: temporal.api.history.v1.IHistoryEvent) =>
  new Date(Number(e.eventTime!.seconds) * 1000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const markers = (file: string) =>
  (load(file).events ?? []).filter((e) => e.markerRecordedEventAttributes).map((e) => Buffer.from(e.markerRecordedEventAttributes!.details!['patch-data']!.payloads![0]!.data!).toString());

describe('the working-day calendar patch', () => {
  it('the histories recorded before it carry no marker; the new one carries it, once', () => {
    for (const file of BEFORE_CALENDAR) expect(markers(file)).toEqual([]);
    expect(markers(WORKING_DAYS)).toEqual(['{"id":"working-day-calendar","deprecated":false}']);
  });

  it('the new history woke on the working days written here, not on the calendar days', () => {
    // Recorded 2026-11-30 with deadline Sunday 2026-12-20 (default policy, 'shift'). Calendar days
    // would have woken on 12-13 (7 days before, a Sunday), 12-17, 12-19 (Saturday), 12-20, 12-21 and
    // 12-27 (Sunday). With the calendar: Friday 12-11, Thursday 12-17, Friday 12-18 (the 1-day
    // reminder merged into the due-day notice), Monday 12-21, Monday 12-28, Monday 2027-01-04.
    const fired = (load(WORKING_DAYS).events ?? []).filter((e) => e.timerFiredEventAttributes).map(shanghai);
    expect(fired).toEqual(['2026-12-11 09:00', '2026-12-17 09:00', '2026-12-18 09:00', '2026-12-21 09:00', '2026-12-28 09:00', '2027-01-04 09:00']);
  });

  it('bundled with the patch removed, the old histories replay and the new one fails on its marker', async () => {
    const code = await bundle({ '@temporalio/workflow$': require.resolve('./shims/patch-removed') });
    for (const file of BEFORE_CALENDAR) await expect(replay(code, file)).resolves.toBeUndefined();
    await expect(replay(code, WORKING_DAYS)).rejects.toMatchObject({ name: 'DeterminismViolationError', message: expect.stringContaining('patch marker') });
  });

  it('with the marker kept but the calendar-day schedule, the new history fails on what the workflow did', async () => {
    const code = await bundle({ '@temporalio/workflow$': require.resolve('./shims/old-schedule') });
    const failure = await replay(code, WORKING_DAYS).then(() => undefined, (e: unknown) => e);
    expect(failure).toMatchObject({ name: 'DeterminismViolationError' });
    expect(String((failure as Error).message)).not.toContain('patch marker');
  });

  describe('newer holiday data (made-up 2027 days off, among them Monday 2027-01-04, when the recorded weekly reminder fired)', () => {
    let newerData: Record<string, string>;
    beforeAll(() => {
      const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as Record<string, Record<string, string>>;
      for (const d of ['2027-01-01', '2027-01-04']) data.holidays![d] = "New Year's Day,元旦,2";
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-days-')), 'chinese-days.json');
      writeFileSync(file, JSON.stringify(data));
      newerData = { 'chinese-days/dist/chinese-days.json$': file };
    });

    it('changes nothing in a replay: each run keeps the years of data it started with', async () => {
      const code = await bundle(newerData);
      for (const f of files) await expect(replay(code, f)).resolves.toBeUndefined();
    });

    it('would break the new history if runs took newer years up without their marker', async () => {
      const code = await bundle({ ...newerData, '@temporalio/workflow$': require.resolve('./shims/unpinned') });
      await expect(replay(code, WORKING_DAYS)).rejects.toMatchObject({ name: 'DeterminismViolationError' });
    });
  });
});

describe('the catch-up patch', () => {
  /** What each notify activity of a history was asked to send, as "kind: title". */
  const sent = (file: string) =>
    (load(file).events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes)
      .filter((a) => a?.activityType?.name === 'notify')
      .map((a) => (JSON.parse(Buffer.from(a!.input!.payloads![0]!.data!).toString()) as { notifications: { kind: string; title: string }[] }).notifications.map((n) => `${n.kind}: ${n.title}`));

  it('histories recorded before it carry no catch-up marker; the new one carries it after the calendar one', () => {
    for (const file of [...BEFORE_CALENDAR, WORKING_DAYS]) expect(markers(file)).not.toContain('{"id":"catch-up-collapse","deprecated":false}');
    expect(markers(CATCH_UP)).toEqual(['{"id":"working-day-calendar","deprecated":false}', '{"id":"catch-up-collapse","deprecated":false}']);
  });

  it('the new history sent one notice per ladder with the real figure at the start, then the weekly one on its day', () => {
    expect(sent(CATCH_UP)).toEqual([['warning-red: 问题1逾期红牌预警，下发督办单', 'overdue-weekly: 问题1已逾期8天'], ['overdue-weekly: 问题1已逾期14天']]);
  });

  it('bundled with the patch removed, the new history fails on its marker', async () => {
    const code = await bundle({ '@temporalio/workflow$': require.resolve('./shims/patch-removed') });
    await expect(replay(code, CATCH_UP)).rejects.toMatchObject({ name: 'DeterminismViolationError', message: expect.stringContaining('patch marker') });
  });
});

describe('a problem started from the step written at loading', () => {
  const events = () => load(LOADED_START).events ?? [];
  const untilFirstTimer = () => events().slice(0, events().findIndex((e) => e.timerStartedEventAttributes) + 1);

  it('starts from recorded state: the first workflow task arms the first timer and schedules no activity', () => {
    const input = JSON.parse(Buffer.from(events()[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!.data!).toString()) as { recorded?: boolean; state?: { version: number } };
    expect(input).toMatchObject({ recorded: true, state: { version: 0 } });
    const first = untilFirstTimer();
    expect(first.length).toBeGreaterThan(1);
    expect(first.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    expect(first.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
  });

  it('then writes on the first action and wakes on the reminders and the due-day notice (deadline 12 days after loading)', () => {
    const fired = events().filter((e) => e.timerFiredEventAttributes).length;
    expect(fired).toBe(4);
    expect(events().filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordProblem').length).toBeGreaterThanOrEqual(5);
  });
});

describe('the one-write-per-flush patch', () => {
  const activities = (file: string) => (load(file).events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
  const noticesOf = (file: string) =>
    (load(file).events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes)
      .filter((a) => a?.activityType?.name === 'recordProblemWithNotices')
      .flatMap((a) => (JSON.parse(Buffer.from(a!.input!.payloads![0]!.data!).toString()) as { notices: { notifications: { kind: string }[] }[] }).notices)
      .flatMap((n) => n.notifications.map((x) => x.kind));

  it('every history recorded before it writes with recordProblem and notify and carries no marker', () => {
    for (const file of files.filter((f) => f !== ONE_WRITE)) {
      expect(markers(file)).not.toContain('{"id":"one-write-per-flush","deprecated":false}');
      expect(activities(file)).not.toContain('recordProblemWithNotices');
    }
  });

  it('the new history writes state and notices in one activity per flush: fewer events for the same run', () => {
    expect(markers(ONE_WRITE)).toContain('{"id":"one-write-per-flush","deprecated":false}');
    expect(new Set(activities(ONE_WRITE))).toEqual(new Set(['recordProblemWithNotices']));
    // Recorded 2026-11-30, deadline 12 days later (Saturday 12-12): the 1-day reminder merged into the
    // due-day notice on Friday, then the yellow warning the working day after the deadline.
    expect(noticesOf(ONE_WRITE)).toEqual(['reminder', 'reminder', 'due-today', 'warning-yellow']);
    expect(load(ONE_WRITE).events!.length).toBeLessThan(load(LOADED_START).events!.length);
  });

  it('bundled with the patch removed, the new history fails on its marker and the old ones still replay', async () => {
    const code = await bundle({ '@temporalio/workflow$': require.resolve('./shims/patch-removed') });
    await expect(replay(code, ONE_WRITE)).rejects.toMatchObject({ name: 'DeterminismViolationError' });
    await expect(replay(code, LOADED_START)).resolves.toBeUndefined();
  });
});

async function bundle(alias: Record<string, string>): Promise<string> {
  const noop = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop },
    webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...alias } } }),
  });
  return code;
}
