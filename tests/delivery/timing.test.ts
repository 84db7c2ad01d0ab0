import { isWorkingDay } from '../../domain/calendar';
import { addDays, daysBetween, shanghaiDate, shanghaiInstant } from '../../domain/dates';
import { weeklyDigestAt } from '../../domain/delivery';
import { eventually } from '../support/drive';
import { DeliveryHarness, DESK_URL } from '../support/delivery-harness';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// The clock-dependent behaviour on the time-skipping server, with the real problem workflows firing
// their notices: a morning's reminders as one digest, quiet hours deferring a reminder to 08:00, a
// red warning going out at 22:00 regardless, and the Monday weekly digest. Quiet hours 20–8; China's
// working days (domain/calendar.ts), as the workflows use them: dates are picked among working days.

let h: DeliveryHarness;
beforeAll(async () => {
  h = await DeliveryHarness.start({ server: 'time-skipping' });
});
afterAll(async () => h?.close());

const MINUTE = 60_000;
const weekday = (d: string) => shanghaiInstant(d, 12).getUTCDay();
const working = (d: string) => isWorkingDay(d);
/** The first date at least `minDays` ahead of the test clock that satisfies `ok`. */
async function dateAhead(minDays: number, ok: (d: string) => boolean): Promise<string> {
  let d = addDays(shanghaiDate(await h.now()), minDays);
  while (!ok(d)) d = addDays(d, 1);
  return d;
}
async function skipTo(at: number): Promise<void> {
  const now = await h.now();
  if (at > now) await h.env.sleep(at - now);
}
const problem = (no: number, title: string, department: '财务科' | '人事科', deadline: string) => ({
  no, aspect: 1, title, kind: 'time-bound', responsibleLeader: 'vp1', department, owner: department === '财务科' ? 'fin1' : 'hr1', deadline,
});
/** Mail for this campaign only: earlier tests' problems keep running and may write to the same people. */
const mailOf = (c: string, address: string) => h.smtp.to(address).filter((m) => m.text.includes(`/c/${c}/`));

test('five reminders due to one person on one morning arrive as one email and one robot post listing all five', async () => {
  const morning = await dateAhead(2, working);
  const deadline = addDays(morning, 7);
  const titles = ['财务报销审核不严', '公务接待超标准', '合同管理不规范', '固定资产账实不符', '专项资金使用不规范'];
  const ledger = smallLedger({ id: uniqueId('digest'), problems: titles.map((t, i) => problem(i + 1, t, '财务科', deadline)) });
  await h.contact('fin1', { email: 'qian.kezhang@hospital.test', dingtalk: 'qian-ding' });
  await h.startProblems(ledger);
  const ding = await h.robot(ledger.id, '财务科', 'dingtalk');

  await skipTo(shanghaiInstant(morning, 9).getTime() + 7 * MINUTE);
  const [mail] = await eventually(async () => {
    const got = mailOf(ledger.id, 'qian.kezhang@hospital.test');
    expect(got).toHaveLength(1);
    return got;
  });
  expect(mail!.subject).toBe('整改提醒汇总：5 项');
  expect(mail!.text.match(/【到期提醒】问题\d距整改时限还有7天/g)).toHaveLength(5);
  for (const t of titles) expect(mail!.text).toContain(t);
  const posts = await eventually(async () => {
    const p = h.robots.posts('dingtalk', ding.token);
    expect(p).toHaveLength(1);
    return p;
  });
  expect(posts[0]!.text.match(/【到期提醒】/g)).toHaveLength(5);
  // The group post @mentions both members of 财务科 (孙会计 has no DingTalk id: by name).
  expect(posts[0]!.text).toContain('@qian-ding @孙会计');
  const rows = await h.deliveries("d.campaign_id = $1 and d.recipient_id = 'fin1' and d.channel = 'email'", [ledger.id]);
  expect(rows).toHaveLength(5);
  expect(new Set(rows.map((r) => r.message_id)).size).toBe(1);
});

test('a reminder at 21:00 is deferred to 08:00 the next morning', async () => {
  // The next morning is a working day too.
  const evening = await dateAhead(2, (d) => working(d) && working(addDays(d, 1)));
  const ledger = smallLedger({ id: uniqueId('quiet'), policy: { notifyHour: 21 }, problems: [problem(1, '干部档案管理不规范', '人事科', addDays(evening, 7))] });
  await h.contact('hr1', { email: 'wu.kezhang@hospital.test' });
  await h.startProblems(ledger);

  await skipTo(shanghaiInstant(evening, 21).getTime() + 10 * MINUTE);
  const [deferred] = await eventually(async () => {
    const rows = await h.deliveries("d.campaign_id = $1 and d.recipient_id = 'hr1'", [ledger.id]);
    expect(rows).toHaveLength(1);
    return rows;
  });
  expect(deferred).toMatchObject({ kind: 'reminder', status: 'deferred' });
  expect(new Date(deferred!.not_before).getTime()).toBe(shanghaiInstant(addDays(evening, 1), 8).getTime());
  expect(mailOf(ledger.id, 'wu.kezhang@hospital.test')).toEqual([]);

  await skipTo(shanghaiInstant(addDays(evening, 1), 8).getTime() + 2 * MINUTE);
  await eventually(async () => expect(mailOf(ledger.id, 'wu.kezhang@hospital.test')).toHaveLength(1));
  const [sent] = await h.deliveries('d.id = $1', [deferred!.id]);
  expect(sent!.status).toBe('sent');
  expect(new Date(sent!.sent_at!).getTime()).toBeGreaterThanOrEqual(shanghaiInstant(addDays(evening, 1), 8).getTime());
});

test('a red warning (督办单) goes out at once at 22:00, in quiet hours, by email and the office robot', async () => {
  const day = await dateAhead(2, working);
  const ledger = smallLedger({ id: uniqueId('red'), policy: { notifyHour: 22 }, problems: [problem(1, '财务报销审核不严', '财务科', addDays(day, -7))] });
  await h.contact('head', { email: 'wang.shuji@hospital.test', dingtalk: 'wang-ding' });
  await h.contact('office1', { email: 'zhou.zhuren@hospital.test', dingtalk: 'zhou-ding' });
  await h.startProblems(ledger);
  const office = await h.robot(ledger.id, null, 'dingtalk');

  await skipTo(shanghaiInstant(day, 22).getTime() - MINUTE);
  expect(mailOf(ledger.id, 'wang.shuji@hospital.test').filter((m) => m.subject.includes('督办'))).toEqual([]);
  await skipTo(shanghaiInstant(day, 22).getTime() + MINUTE);
  const [mail] = await eventually(async () => {
    const got = mailOf(ledger.id, 'wang.shuji@hospital.test').filter((m) => m.subject.includes('红牌'));
    expect(got).toHaveLength(1);
    return got;
  });
  expect(mail!.subject).toBe('【督办】问题1逾期红牌预警，下发督办单');
  expect(mail!.text).toContain('督办单：');
  await eventually(async () => expect(mailOf(ledger.id, 'zhou.zhuren@hospital.test').filter((m) => m.subject.includes('红牌'))).toHaveLength(1));
  const post = h.robots.posts('dingtalk', office.token).find((p) => p.text.includes('红牌'));
  expect(post!.text).toContain('@wang-ding @zhou-ding');
  const red = await h.deliveries("d.campaign_id = $1 and n.kind = 'warning-red'", [ledger.id]);
  expect(red.every((r) => r.status === 'sent' && r.sent_at !== null)).toBe(true);
  for (const r of red) expect(new Date(r.sent_at!).getTime()).toBeLessThan(shanghaiInstant(day, 22).getTime() + 10 * MINUTE);
  // The overdue-weekly reminder of the same instant is not urgent: it waits for the morning.
  const weekly = await h.deliveries("d.campaign_id = $1 and n.kind = 'overdue-weekly'", [ledger.id]);
  expect(weekly.length).toBeGreaterThan(0);
  expect(weekly.every((r) => r.status === 'deferred' || new Date(r.not_before).getTime() >= shanghaiInstant(addDays(day, 1), 8).getTime())).toBe(true);
});

test('on Monday morning the office and the head get the weekly digest: overdue problems, this week’s deadlines, counts by department', async () => {
  const monday = await dateAhead(3, (d) => weekday(d) === 1);
  const ledger = smallLedger({
    id: uniqueId('weekly'),
    problems: [problem(1, '财务报销审核不严', '财务科', addDays(monday, -2)), problem(2, '干部档案管理不规范', '人事科', addDays(monday, 2)), problem(3, '合同管理不规范', '财务科', addDays(monday, 30))],
  });
  await h.contact('head', { email: 'wang.shuji@hospital.test' });
  await h.contact('office1', { email: 'zhou.zhuren@hospital.test' });
  await h.startProblems(ledger);

  // Monday 09:00, or the first working day of that week when Monday is a holiday.
  const at = weeklyDigestAt(monday, 9, working)!;
  const digestDay = shanghaiDate(at);
  await skipTo(at + 3 * MINUTE);
  const weeklyOf = (address: string) => mailOf(ledger.id, address).filter((m) => m.subject.startsWith('整改周报'));
  const [mail] = await eventually(async () => {
    const got = weeklyOf('wang.shuji@hospital.test');
    expect(got).toHaveLength(1);
    return got;
  });
  await eventually(async () => expect(weeklyOf('zhou.zhuren@hospital.test')).toHaveLength(1));
  expect(mail!.text).toContain('逾期问题（1 个）');
  expect(mail!.text).toContain(`问题1「财务报销审核不严」（财务科）逾期 ${daysBetween(addDays(monday, -2), digestDay)} 天`);
  expect(mail!.text).toContain('本周到期（1 个）');
  expect(mail!.text).toContain('问题2「干部档案管理不规范」（人事科）时限');
  expect(mail!.text).toContain('财务科：共 2 个，已销号 0 个，逾期 1 个');
  expect(mail!.text).toContain('人事科：共 1 个');
  expect(mail!.text).toContain(`${DESK_URL}/c/${ledger.id}/overview`);
  // Once a week: later that day nothing more.
  await skipTo(at + 6 * 3600_000);
  expect(weeklyOf('wang.shuji@hospital.test')).toHaveLength(1);
  const { rows } = await h.db.query<{ dedupe_key: string }>("select distinct dedupe_key from notifications where campaign_id = $1 and kind = 'weekly-digest'", [ledger.id]);
  expect(rows.map((r) => r.dedupe_key)).toEqual([`rectify/${ledger.id}/campaign:weekly:${digestDay}`]);
});
