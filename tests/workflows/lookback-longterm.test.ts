import { addDays, shanghaiDate } from '../../domain/dates';
import { act, DAY, eventually, nineOn, stateOf, systemEvents, textEvidence, toClosed } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// The ladder below is written in calendar days; the working-day calendar has its own tests
// (tests/workflows/calendar.test.ts), and with it these dates would depend on the weekday of the run.
const CALENDAR_DAYS = { workingDays: 'off' };

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

test('90 days after closure the office is asked to look back; a relapse reopens with a new deadline and new timers', async () => {
  const today = shanghaiDate(await h.now());
  const ledger = smallLedger({
    id: uniqueId('lookback'),
    policy: CALENDAR_DAYS,
    problems: [
      {
        no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1',
        deadline: addDays(today, 60), measures: [{ text: '修订报销管理办法', owner: 'fin1', due: addDays(today, 30) }],
      },
    ],
  });
  const [handle] = await h.startProblems(ledger);
  await toClosed(handle!);
  const closedOn = (await stateOf(handle!)).closedOn!;
  expect(closedOn).toBe(today);

  await h.env.sleep(91 * DAY);
  const s = await eventually(async () => {
    const st = await stateOf(handle!);
    expect(systemEvents(st)).toEqual([['look-back', nineOn(closedOn, 90)]]);
    return st;
  });
  expect(s.status).toBe('closed');
  const { rows } = await h.db.query<{ recipient_id: string }>("select recipient_id from notifications where workflow_id = $1 and kind = 'look-back'", [handle!.workflowId]);
  expect(rows.map((r) => r.recipient_id)).toEqual(['office1']);

  const newDeadline = addDays(shanghaiDate(await h.now()), 30);
  await act(handle!, 'reopen', { actor: 'office1', reason: '抽查发现仍有超标准报销', deadline: newDeadline });
  const reopened = await stateOf(handle!);
  expect([reopened.status, reopened.deadline, reopened.reopenCount, reopened.closedOn]).toEqual(['planning', newDeadline, 1, undefined]);

  await h.env.sleep(25 * DAY);
  await eventually(async () => {
    const st = await stateOf(handle!);
    expect(systemEvents(st).slice(1)).toEqual([['reminder', nineOn(newDeadline, -7)]]);
  });
});

test('confirming the look-back completes the workflow', async () => {
  const ledger = smallLedger({ id: uniqueId('confirm') });
  const [handle] = await h.startProblems(ledger, [1]);
  await toClosed(handle!);
  await act(handle!, 'confirmLookBack', { actor: 'office1' });
  const final = await handle!.result();
  expect([final.status, final.lookBackDone]).toEqual(['closed', true]);
});

test('long-term problems are asked for progress every 30 days, through phase completion, until closed', async () => {
  const ledger = smallLedger({ id: uniqueId('longterm'), policy: CALENDAR_DAYS });
  const [handle] = await h.startProblems(ledger, [3]);
  const startedOn = (await stateOf(handle!)).startedOn;
  await act(handle!, 'claim', { actor: 'hr1' });
  await act(handle!, 'planMeasures', { actor: 'hr1', measures: [{ text: '每月集中学习一次', owner: 'hr1', due: addDays(startedOn, 50) }] });
  await act(handle!, 'submitPlan', { actor: 'hr1' });
  await act(handle!, 'decidePlan', { actor: 'vp2', approve: true });

  await h.env.sleep(31 * DAY);
  await eventually(async () => expect(systemEvents(await stateOf(handle!))).toEqual([['progress-request', nineOn(startedOn, 30)]]));
  await act(handle!, 'reportProgress', { actor: 'hr1', text: '已开展集中学习1次' });
  await act(handle!, 'completeMeasure', { actor: 'hr1', measureId: 'M1', evidence: [textEvidence('学习记录')] });
  await act(handle!, 'markPhaseComplete', { actor: 'office1' });

  await h.env.sleep(30 * DAY);
  const s = await eventually(async () => {
    const st = await stateOf(handle!);
    expect(systemEvents(st)).toEqual([
      ['progress-request', nineOn(startedOn, 30)],
      ['progress-request', nineOn(startedOn, 60)],
    ]);
    return st;
  });
  expect(s.status).toBe('phase_complete');
  expect(s.progressReports.map((p) => p.text)).toEqual(['已开展集中学习1次']);

  await act(handle!, 'requestClosure', { actor: 'hr1' });
  await act(handle!, 'reviewClosure', { actor: 'vp2', approve: true });
  await act(handle!, 'verifyClosure', { actor: 'office1', approve: true });
  await act(handle!, 'approveClosure', { actor: 'head', approve: true });
  await h.env.sleep(35 * DAY);
  const closed = await stateOf(handle!);
  expect(systemEvents(closed).filter(([t]) => t === 'progress-request')).toHaveLength(2);
});
