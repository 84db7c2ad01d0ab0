import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pgDb, type Db } from '../../db/client';
import { migrate } from '../../db/migrate';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertNotifications } from '../../db/queries/insert-notifications';
import { deliveryDispatcherWorkflowId } from '../../domain/delivery';
import type { OutgoingNotification } from '../../domain/problem-types';
import { SecretBox } from '../../services/secrets';
import { withTestDatabase } from '../../servers/pg-cluster';
import { startDevServerProcess } from '../../servers/temporal-env';
import { ensureDeliveryDispatcher } from '../../worker/dispatcher';
import { SEARCH_ATTRIBUTE_KEYS, wakeSignal } from '../../workflows/definitions';
import { SECRET_KEY } from '../support/delivery-harness';
import { smallLedger } from '../support/ledger';
import { RobotSinks } from '../support/robot-sinks';
import { SmtpSink } from '../support/smtp-sink';
import { freePort } from '../../servers/ports';

// The worker is killed with SIGKILL again and again while a storm of notices is being delivered.
// What must hold: every (notification, recipient, channel) ends sent and arrives; a copy can be
// repeated only when the kill falls between the provider's "accepted" and our record of it, and
// every such duplicate is counted by its key and reported (test-artifacts/delivery-crash.json).

const PER_PERSON = 60;
const OFFICE_NOTICES = 15;
/** Pauses (ms) between a worker coming up and its SIGKILL: fixed, so runs are comparable. */
const KILL_AFTER = [3_000, 5_000, 2_500, 6_000, 3_500, 4_500];


let temporal: Awaited<ReturnType<typeof startDevServerProcess>>;
let database: Awaited<ReturnType<typeof withTestDatabase>>;
let db: Db;
let smtp: SmtpSink;
let robots: RobotSinks;
let connection: Connection;
let client: Client;
const taskQueue = `crash-${process.pid}`;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  [temporal, database, smtp, robots] = await Promise.all([
    freePort().then((port) => startDevServerProcess({ port, searchAttributes: SEARCH_ATTRIBUTE_KEYS })),
    withTestDatabase(),
    SmtpSink.start(),
    RobotSinks.start(),
  ]);
  db = pgDb(database.url);
  await migrate(db);
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });
}, 120_000);

afterAll(async () => {
  if (worker) await killed(worker);
  await client?.workflow.getHandle(deliveryDispatcherWorkflowId(taskQueue)).terminate('test over').catch(() => undefined);
  await connection?.close();
  await db?.close();
  await Promise.all([smtp?.close(), robots?.close(), database?.close(), temporal?.stop()]);
});

/** Starts a worker process; resolves once it polls. */
async function startWorker(): Promise<ChildProcess> {
  // --import runs the worker in this very process: tsx's CLI would fork one that a SIGKILL misses.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-worker.ts')], {
    env: {
      ...process.env,
      CRASH_TEMPORAL: temporal.address,
      CRASH_DATABASE_URL: database.url,
      CRASH_TASK_QUEUE: taskQueue,
      CRASH_SMTP_URL: smtp.url,
      CRASH_SECRET_KEY: SECRET_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${err}`)));
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      // The pipes of a killed child would keep jest from exiting.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGKILL');
  });
}

const notice = (personId: string, name: string, i: number): OutgoingNotification => ({
  dedupeKey: `storm-${personId}-${i}`,
  // every fifth a red warning (sent at once), the rest the office's reminders (one message each)
  kind: i % 5 === 0 ? 'warning-red' : 'manual-reminder',
  recipients: [{ id: personId, name }],
  title: `【办公室催办】第${i}号提醒`,
  body: `请${name}尽快办理第${i}项整改事项。`,
});

test('SIGKILL the worker six times during a storm of 450 messages: every delivery arrives, duplicates counted', async () => {
  const ledger = smallLedger({ id: `crash-${process.pid}` });
  await insertCampaign(db, ledger);
  const box = new SecretBox(SECRET_KEY);
  // Feishu for 人事科 (5 a second), DingTalk for the office's group (20 a minute).
  const feishuWebhook = robots.add('feishu', 'hr-feishu', 'SEC-hr-feishu');
  const dingWebhook = robots.add('dingtalk', 'office-ding', 'SEC-office-ding');
  await db.query(
    `insert into robots (campaign_id, department, provider, name, webhook_enc, secret_enc) values
       ($1, '人事科', 'feishu', '人事科飞书群', $2, $3), ($1, null, 'dingtalk', '整改办钉钉群', $4, $5)`,
    [ledger.id, box.seal(feishuWebhook), box.seal('SEC-hr-feishu'), box.seal(dingWebhook), box.seal('SEC-office-ding')],
  );
  const people = ledger.people.filter((p) => p.id !== 'office1');
  for (const p of ledger.people) {
    const channels = p.id === 'hr1' ? ['email', 'feishu'] : p.id === 'office1' ? ['email', 'dingtalk'] : ['email'];
    await db.query('insert into contacts (person_id, email, channels) values ($1, $2, $3)', [p.id, `${p.id}@hospital.test`, channels]);
  }
  // A real relay takes a moment per message: the storm lasts long enough to be interrupted.
  smtp.acceptDelayMs = 150;

  worker = await startWorker();
  await ensureDeliveryDispatcher(client, taskQueue, { pollEveryMs: 5_000 });
  for (const p of people) {
    await insertNotifications(db, { campaignId: ledger.id, workflowId: `storm/${p.id}`, notifications: Array.from({ length: PER_PERSON }, (_, i) => notice(p.id, p.name, i)) });
  }
  await insertNotifications(db, { campaignId: ledger.id, workflowId: 'storm/office1', notifications: Array.from({ length: OFFICE_NOTICES }, (_, i) => notice('office1', '周主任', i)) });
  await client.workflow.getHandle(deliveryDispatcherWorkflowId(taskQueue)).signal(wakeSignal);

  const expected = people.length * PER_PERSON + OFFICE_NOTICES + PER_PERSON + OFFICE_NOTICES; // emails + feishu + dingtalk
  const sentNow = async () => Number((await db.query<{ n: number }>(`select count(*) as n from deliveries where status = 'sent'`)).rows[0]!.n);
  const sendingNow = async () => Number((await db.query<{ n: number }>(`select count(*) as n from messages where status = 'sending'`)).rows[0]!.n);
  const sentAtKill: number[] = [];
  const inFlightAtKill: number[] = [];
  for (const pause of KILL_AFTER) {
    await new Promise((r) => setTimeout(r, pause));
    await killed(worker);
    sentAtKill.push(await sentNow());
    inFlightAtKill.push(await sendingNow());
    worker = await startWorker();
  }
  // The kills fell inside the storm, with sends in flight, not after it.
  expect(sentAtKill[2]).toBeLessThan(expected);
  expect(inFlightAtKill.some((n) => n > 0)).toBe(true);

  // Sends cut off by a kill are retried when their one-minute attempt times out.
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const { rows: [r] } = await db.query<{ total: number; sent: number }>(`select count(*) as total, count(*) filter (where status = 'sent') as sent from deliveries`);
    if (r!.total === expected && r!.sent === expected) break;
    if (Date.now() > deadline) throw new Error(`not all delivered: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 1_000));
  }

  const { rows: messages } = await db.query<{ key: string; channel: string; attempts: number }>('select key, channel, attempts from messages');
  const keys = new Set(messages.map((m) => m.key));
  const arrivals = new Map<string, number>();
  for (const m of smtp.received) {
    const key = /^<?([^@>]+)@/.exec(m.messageId)?.[1] ?? m.messageId;
    arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
  }
  for (const p of robots.accepted) arrivals.set(p.key ?? '?', (arrivals.get(p.key ?? '?') ?? 0) + 1);
  const missing = [...keys].filter((k) => !arrivals.has(k));
  const strangers = [...arrivals.keys()].filter((k) => !keys.has(k));
  const copies = [...arrivals.values()].reduce((a, b) => a + b, 0);
  const duplicates = copies - arrivals.size;
  const report = {
    kills: KILL_AFTER.length,
    sentAtEachKill: sentAtKill,
    inFlightAtEachKill: inFlightAtKill,
    deliveries: expected,
    messages: messages.length,
    arrived: arrivals.size,
    copies,
    duplicates,
    duplicateKeys: [...arrivals].filter(([, n]) => n > 1).map(([k, n]) => ({ key: k, copies: n })),
    retriedMessages: messages.filter((m) => m.attempts > 1).length,
  };
  mkdirSync(path.join(__dirname, '../../test-artifacts'), { recursive: true });
  writeFileSync(path.join(__dirname, '../../test-artifacts/delivery-crash.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`delivery crash test: ${JSON.stringify(report)}\n`);

  expect(messages).toHaveLength(expected);
  expect(missing).toEqual([]);
  expect(strangers).toEqual([]);
  expect(smtp.errors).toEqual([]);
  // A repeat is possible only for a send in flight at a kill: at most 16 per kill.
  expect(duplicates).toBeLessThanOrEqual(KILL_AFTER.length * 16);
}, 9 * 60_000);
