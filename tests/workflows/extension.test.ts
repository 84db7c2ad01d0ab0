import { addDays, shanghaiDate } from '../../domain/dates';
import { FailureType } from '../../domain/errors';
import { act, DAY, eventually, ladder, rejected, stateOf, systemEvents, toInProgress } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

// The ladder below is written in calendar days; the working-day calendar has its own tests
// (tests/workflows/calendar.test.ts), and with it these dates would depend on the weekday of the run.
const ledgerDue = (deadline: string) =>
  smallLedger({
    id: uniqueId('ext'),
    policy: { workingDays: 'off' },
    problems: [
      {
        no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
        measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }],
      },
    ],
  });

test('an approved extension moves every timer to the committed deadline; a refused one moves none', async () => {
  const today = shanghaiDate(await h.now());
  const deadline = addDays(today, 10);
  const committed = addDays(today, 40);
  const [approved] = await h.startProblems(ledgerDue(deadline));
  const [refused] = await h.startProblems(ledgerDue(deadline));
  for (const handle of [approved!, refused!]) {
    await toInProgress(handle);
    await act(handle, 'requestExtension', { actor: 'fin1', until: committed, reason: '新制度需经职代会审议' });
  }
  // A pending request is decided by the head only (policy default), never by the department.
  expect((await rejected(approved!, 'decideExtension', { actor: 'fin1', approve: true })).type).toBe(FailureType.Forbidden);
  await act(approved!, 'decideExtension', { actor: 'head', approve: true });
  await act(refused!, 'decideExtension', { actor: 'head', approve: false, reason: '理由不充分' });

  await h.env.sleep(42 * DAY);

  const a = await eventually(async () => {
    const s = await stateOf(approved!);
    expect(systemEvents(s)).toHaveLength(5);
    return s;
  });
  expect(a.deadline).toBe(committed);
  expect(a.originalDeadline).toBe(deadline);
  expect(systemEvents(a)).toEqual(ladder(committed, 5));

  const r = await stateOf(refused!);
  expect(r.deadline).toBe(deadline);
  expect(systemEvents(r).slice(0, 6)).toEqual(ladder(deadline, 6));
  expect(r.history.find((e) => e.action === 'decideExtension')?.reason).toBe('理由不充分');
});

test('an extension approved after a yellow warning clears it', async () => {
  const today = shanghaiDate(await h.now());
  const [handle] = await h.startProblems(ledgerDue(addDays(today, 3)));
  await toInProgress(handle!);
  await h.env.sleep(5 * DAY);
  await eventually(async () => expect((await stateOf(handle!)).warning).toBe('yellow'));
  const until = shanghaiDate((await h.now()) + 30 * DAY);
  await act(handle!, 'requestExtension', { actor: 'fin2', until, reason: '设备采购周期长' });
  await act(handle!, 'decideExtension', { actor: '王书记', approve: true });
  const s = await stateOf(handle!);
  expect(s.warning).toBe('none');
  expect(s.deadline).toBe(until);
});

test('when the policy says so, the office decides extensions and the head may not', async () => {
  const today = shanghaiDate(await h.now());
  const ledger = { ...ledgerDue(addDays(today, 10)), policy: { extensionApprover: 'office' as const } };
  const [handle] = await h.startProblems(ledger);
  await toInProgress(handle!);
  await act(handle!, 'requestExtension', { actor: 'fin1', until: addDays(today, 20), reason: '等待设备到货' });
  const f = await rejected(handle!, 'decideExtension', { actor: 'head', approve: true });
  expect([f.type, f.message]).toEqual([FailureType.Forbidden, '王书记不是本问题的领导小组办公室，不能审批延期']);
  await act(handle!, 'decideExtension', { actor: 'office1', approve: true });
  expect((await stateOf(handle!)).deadline).toBe(addDays(today, 20));
  const { rows } = await h.db.query<{ recipient_id: string }>(
    "select recipient_id from notifications where workflow_id = $1 and kind = 'extension-requested'",
    [handle!.workflowId],
  );
  expect(rows.map((r) => r.recipient_id)).toEqual(['office1']);
});
