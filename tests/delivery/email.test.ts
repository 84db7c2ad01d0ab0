import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { eventually } from '../support/drive';
import { DeliveryHarness, DESK_URL } from '../support/delivery-harness';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// Email on the dev server in real time (quiet hours off, every day a working day): a real SMTP
// server receives, mailparser reads. Transient refusals are retried with the same Message-ID;
// permanent ones are recorded with the server's answer, listed and resent with the CLI; neither
// holds up the others.

const run = promisify(execFile);

let h: DeliveryHarness;
beforeAll(async () => {
  h = await DeliveryHarness.start({ server: 'dev', quietHours: 'off', isWorkingDay: () => true });
});
afterAll(async () => h?.close());

/** The CLI as the office runs it, against this harness's database and Temporal. */
async function rectify(...args: string[]): Promise<string> {
  const env = { ...process.env, DATABASE_URL: h.databaseUrl, TEMPORAL_ADDRESS: h.env.address, RECTIFY_TASK_QUEUE: h.taskQueue };
  const { stdout } = await run(process.execPath, [path.resolve(__dirname, '../../bin/rectify.js'), ...args], { env, timeout: 60_000 });
  return stdout;
}

async function campaign(): Promise<string> {
  const ledger = smallLedger({ id: uniqueId('mail') });
  await insertCampaign(h.db, ledger);
  return ledger.id;
}

const remind = (campaignId: string, no: number, to: { id: string; name: string }[], text = '请抓紧推进整改，按时限完成并上传佐证材料。') =>
  h.notify({
    campaignId,
    problemNo: no,
    workflowId: `rectify/${campaignId}/problem/${no}`,
    notifications: [{ dedupeKey: `action:${Math.random()}`, kind: 'manual-reminder', recipients: to, title: `问题${no}办公室催办`, body: text }],
  });

test('a notice reaches its recipient by email: Chinese subject and body, the desk link, a stable Message-ID', async () => {
  const c = await campaign();
  await h.contact('fin1', { email: 'qian.kezhang@hospital.test' });
  await remind(c, 1, [{ id: 'fin1', name: '钱科长' }], '财务报销审核不严，请本周内完成整改。');

  const [mail] = await eventually(async () => {
    const got = h.smtp.to('qian.kezhang@hospital.test');
    expect(got).toHaveLength(1);
    return got;
  });
  expect(mail!.subject).toBe('问题1办公室催办');
  expect(mail!.from).toContain('整改办');
  expect(mail!.text).toContain('钱科长：');
  expect(mail!.text).toContain('财务报销审核不严，请本周内完成整改。');
  expect(mail!.text).toContain(`${DESK_URL}/c/${c}/problems/1`);
  expect(mail!.html).toContain('查看问题');
  const [d] = await eventually(async () => {
    const rows = await h.deliveries('d.campaign_id = $1', [c]);
    expect(rows.map((r) => r.status)).toEqual(['sent']);
    return rows;
  });
  const { rows: [m] } = await h.db.query<{ key: string }>('select key from messages where id = $1', [d!.message_id]);
  expect(mail!.messageId).toBe(`<${m!.key}@hospital.test>`);
  expect(d!.sent_at).not.toBeNull();
});

test('a transient 421 is retried with backoff and delivered once, with the same Message-ID on every attempt', async () => {
  const c = await campaign();
  await h.contact('fin2', { email: 'sun.kuaiji@hospital.test' });
  h.smtp.busy.set('sun.kuaiji@hospital.test', 1);
  await remind(c, 1, [{ id: 'fin2', name: '孙会计' }]);

  await eventually(async () => expect(h.smtp.to('sun.kuaiji@hospital.test')).toHaveLength(1), 40_000);
  const tries = h.smtp.attempts.filter((a) => a.to.includes('sun.kuaiji@hospital.test'));
  expect(tries.map((t) => t.accepted)).toEqual([false, true]);
  expect(tries[0]!.messageId).toBe(tries[1]!.messageId);
  const [d] = await eventually(async () => {
    const rows = await h.deliveries('d.campaign_id = $1', [c]);
    expect(rows[0]!.status).toBe('sent');
    return rows;
  });
  expect(d!.attempts).toBe(2);
});

test('a permanent 550 is recorded failed with the answer, holds up nobody, and a resend delivers it', async () => {
  const c = await campaign();
  await h.contact('hr1', { email: 'nobody@hospital.test' });
  await h.contact('fin1', { email: 'qian.kezhang@hospital.test' });
  h.smtp.refuse.set('nobody@hospital.test', { code: 550, message: '5.1.1 <nobody@hospital.test>: Recipient address rejected: User unknown' });
  const before = h.smtp.to('qian.kezhang@hospital.test').length;
  await remind(c, 2, [{ id: 'hr1', name: '吴科长' }, { id: 'fin1', name: '钱科长' }]);

  const failed = await eventually(async () => {
    const rows = await h.deliveries("d.campaign_id = $1 and d.recipient_id = 'hr1'", [c]);
    expect(rows[0]!.status).toBe('failed');
    return rows[0]!;
  });
  expect(failed.last_error).toBe('收件地址被拒绝');
  expect(JSON.stringify(failed.answer)).toContain('User unknown');
  expect(failed.attempts).toBe(1);
  await eventually(async () => expect(h.smtp.to('qian.kezhang@hospital.test')).toHaveLength(before + 1));

  // The office reads the failure with the CLI, corrects the address and resends.
  const listed = await rectify('deliveries', '-c', c, '--failed');
  expect(listed).toContain(String(failed.id));
  expect(listed).toContain('n***@hospital.test');
  expect(listed).toContain('收件地址被拒绝');
  expect(listed).toContain('User unknown');
  expect(listed).not.toContain('nobody@');
  await h.contact('hr1', { email: 'wu.kezhang@hospital.test' });
  expect(await rectify('resend', String(failed.id))).toContain(`已重新排队发送记录 ${failed.id}（邮件），即将发送`);
  const [mail] = await eventually(async () => {
    const got = h.smtp.to('wu.kezhang@hospital.test');
    expect(got).toHaveLength(1);
    return got;
  });
  expect(mail!.subject).toBe('问题2办公室催办');
  const [after] = await h.deliveries('d.id = $1', [failed.id]);
  expect(after!.status).toBe('sent');
});
