import { addDays, shanghaiDate } from '../../domain/dates';
import { act, DAY, eventually, ladder, stateOf, systemEvents, textEvidence } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

// The ladder below is written in calendar days; the working-day calendar has its own tests
// (tests/workflows/calendar.test.ts), and with it these dates would depend on the weekday of the run.
const CALENDAR_DAYS = { workingDays: 'off' };

const problem = (deadline: string) => ({
  no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
  measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }],
});

test('reminders, due-day notice, yellow and red warnings arrive on the policy days, each once, to the right people', async () => {
  const today = shanghaiDate(await h.now());
  const deadline = addDays(today, 20);
  const ledger = smallLedger({ id: uniqueId('deadlines'), problems: [problem(deadline)], policy: CALENDAR_DAYS });
  const [handle] = await h.startProblems(ledger);

  await h.env.sleep(35 * DAY);

  const s = await eventually(async () => {
    const st = await stateOf(handle!);
    expect(systemEvents(st)).toHaveLength(8);
    return st;
  });
  expect(systemEvents(s)).toEqual(ladder(deadline, 8));
  expect(s.warning).toBe('red');

  const { rows } = await h.db.query<{ kind: string; recipient_id: string }>(
    'select kind, recipient_id from notifications where workflow_id = $1 order by id',
    [handle!.workflowId],
  );
  const to = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.recipient_id).sort();
  expect(to('reminder')).toEqual(['fin1', 'fin1', 'fin1', 'fin2', 'fin2', 'fin2']);
  expect(to('due-today')).toEqual(['fin1', 'fin2']);
  expect(to('warning-yellow')).toEqual(['fin1', 'vp1']);
  expect(to('warning-red')).toEqual(['head', 'office1']);
  const { rows: red } = await h.db.query<{ body: string }>("select body from notifications where workflow_id = $1 and kind = 'warning-red'", [handle!.workflowId]);
  expect(red[0]!.body).toContain('督办单');

  const { rows: problems } = await h.db.query<{ warning: string }>('select warning from problems where workflow_id = $1', [handle!.workflowId]);
  expect(problems[0]!.warning).toBe('red');
});

test('a problem waiting for closure review is not chased', async () => {
  const today = shanghaiDate(await h.now());
  const deadline = addDays(today, 10);
  const ledger = smallLedger({ id: uniqueId('paused'), problems: [problem(deadline)] });
  const [handle] = await h.startProblems(ledger);
  await act(handle!, 'claim', { actor: 'fin1' });
  await act(handle!, 'submitPlan', { actor: 'fin1' });
  await act(handle!, 'decidePlan', { actor: 'vp1', approve: true });
  await act(handle!, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('办法已印发')] });
  await act(handle!, 'requestClosure', { actor: 'fin1' });

  await h.env.sleep(20 * DAY);
  const s = await stateOf(handle!);
  expect(s.status).toBe('leader_review');
  expect(systemEvents(s)).toEqual([]);
  expect(s.warning).toBe('none');
});
