// npm run bench -- delivery: 3,500 reminders due at the same 09:00 for 300 people in 12
// departments, each department with its group robot. Timed: from the first reminder queued until
// every digest — one email per person, one post per department robot — has reached a real SMTP
// sink and the robot sinks (which check signatures and rate limits). Baseline, in the same run:
// the same 3,500 reminders as plain emails sent straight to the same SMTP sink over the pooled
// transport, no database, no Temporal; once before and once after the engine's run.
//
// The engine runs on Temporal's time-skipping test server with production settings (quiet hours
// 20–8, China's working days, the dispatcher's default poll), the server's clock moved to 09:00 of
// the next working day. The reminders are queued as the problem workflows' notify activity queues
// them (an outbox row, then a wake signal; 20 at a time, the worker's activity slots). The only
// thing taken out is the 5-minute gather wait (DIGEST_GATHER_MS), a deliberate pause, not work:
// the server skips it because nothing runs during it. Everything else runs in real time.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { pgDb, type Db } from '../db/client';
import { migrate } from '../db/migrate';
import { insertCampaign } from '../db/queries/insert-campaign';
import { insertNotifications } from '../db/queries/insert-notifications';
import { isWorkingDay } from '../domain/calendar';
import { addDays, shanghaiDate, shanghaiInstant } from '../domain/dates';
import { DEFAULT_QUIET_HOURS, deliveryDispatcherWorkflowId, deskProblemUrl, DIGEST_GATHER_MS, LANE_CONCURRENCY, parseQuietHours, ROBOT_RATE_LIMITS } from '../domain/delivery';
import { forEachLimit } from '../services/campaigns';
import { workingDay } from '../services/delivery/config';
import { createEmailSender } from '../services/delivery/email';
import { renderEmailHtml, renderEmailText } from '../services/delivery/render';
import { SecretBox } from '../services/secrets';
import { withTestDatabase } from '../servers/pg-cluster';
import { createTimeSkippingEnv } from '../servers/temporal-env';
import { RobotSinks } from '../tests/support/robot-sinks';
import { SmtpSink } from '../tests/support/smtp-sink';
import { createWorker } from '../worker/create-worker';
import { dispatcherWaker } from '../activities/wake';
import { ensureDeliveryDispatcher } from '../worker/dispatcher';
import { arrivals, dbCounts, dispatcherStats } from './delivery-counts';
import { addContacts, addRobots, deliveryWorld, GROUPS, type Reminder } from './delivery-world';
import { machine, ms, say, summarize, writeSection } from './measure';

const REMINDERS = Number(process.env.BENCH_DELIVERY_REMINDERS ?? 3500);
const PEOPLE = Number(process.env.BENCH_DELIVERY_PEOPLE ?? 300);
/** The notify activities running at once: the worker's default activity slots. */
const NOTIFY_CONCURRENCY = 20;
const ID = 'bench-delivery';
const TASK_QUEUE = 'bench-delivery';
const FROM = `整改办 <${SmtpSink.from}>`;
const DESK_URL = 'https://zgb.hospital.test';
const s = (t: number) => (t / 1000).toFixed(2);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** The first working day whose 09:00 is still ahead of the server's clock by ten minutes. */
function nextMorning(now: number): string {
  let date = shanghaiDate(now);
  while (!isWorkingDay(date) || shanghaiInstant(date, 9).getTime() < now + 10 * 60_000) date = addDays(date, 1);
  return date;
}

/** Polls until `done` holds; fails after `limitMs` (a stuck engine must not hang the bench). */
async function until(what: string, done: () => Promise<boolean> | boolean, limitMs = 10 * 60_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(everyMs);
  }
}

/** The baseline: each reminder as its own plain email, rendered as the engine renders one, all at once into the pool. */
async function plainEmails(smtp: SmtpSink, reminders: Reminder[]): Promise<number> {
  const sender = createEmailSender({ smtpUrl: smtp.url, from: FROM });
  const first = smtp.received.length;
  const t = performance.now();
  await Promise.all(reminders.map((r) => {
    const key = randomUUID();
    const m = { key, subject: r.notice.title, urgent: false, content: { greeting: r.to.name, items: [{ kind: 'reminder', title: r.notice.title, body: r.notice.body, link: deskProblemUrl(DESK_URL, ID, r.no) }], mentions: [] } };
    return sender.send({ to: r.to.email, subject: m.subject, text: renderEmailText(m), html: renderEmailHtml(m), messageId: `${key}@hospital.test` });
  }));
  const took = performance.now() - t;
  sender.close();
  if (smtp.received.length - first !== reminders.length) throw new Error(`baseline: ${smtp.received.length - first} of ${reminders.length} emails arrived`);
  return took;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const loadBefore = machine();
  say(`[bench] delivery: ${REMINDERS} reminders for ${PEOPLE} people in ${GROUPS.length} departments; ${loadBefore}`);
  if (PEOPLE < GROUPS.length || REMINDERS < PEOPLE) throw new Error(`need at least ${GROUPS.length} people and one reminder per person`);
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const [env, database, smtp, sinks] = await Promise.all([createTimeSkippingEnv(), withTestDatabase(), SmtpSink.start(), RobotSinks.start()]);
    cleanups.unshift(() => env.teardown(), () => database.close(), () => smtp.close(), () => sinks.close());
    const db = pgDb(database.url);
    cleanups.unshift(() => db.close());
    await migrate(db);

    const morning = nextMorning(await env.currentTimeMs());
    const world = deliveryWorld(ID, PEOPLE, REMINDERS, morning);
    const box = new SecretBox('bench-secret-key-of-at-least-32-characters');
    await insertCampaign(db, world.ledger);
    await addContacts(db, world.people);
    const robots = await addRobots(db, sinks, box, ID);

    const email = createEmailSender({ smtpUrl: smtp.url, from: FROM });
    cleanups.unshift(async () => email.close());
    const delivery = { config: { smtpUrl: smtp.url, mailFrom: FROM, deskUrl: DESK_URL, quietHours: parseQuietHours(DEFAULT_QUIET_HOURS)!, secrets: () => box, isWorkingDay: workingDay }, email };
    const worker = await createWorker({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, db, delivery });
    const running = worker.run();
    cleanups.unshift(async () => (worker.shutdown(), await running));
    say(`[bench] campaign, ${world.people.length} contacts and ${robots.length} robots loaded; worker up`);

    // Warm-up (the sink's parser, the transport), then the baseline before the engine's run.
    await plainEmails(smtp, world.reminders.slice(0, 50));
    const baselineBefore = await plainEmails(smtp, world.reminders);
    say(`[bench] baseline (before): ${REMINDERS} plain emails in ${s(baselineBefore)} s`);

    const result = await engineRun(env, db, smtp, sinks, world.reminders, morning);
    const loadAfterEngine = machine();

    const baselineAfter = await plainEmails(smtp, world.reminders);
    say(`[bench] baseline (after): ${REMINDERS} plain emails in ${s(baselineAfter)} s`);
    const baseline = (baselineBefore + baselineAfter) / 2;
    const counts = await dbCounts(db);
    const d = await dispatcherStats(env.client, deliveryDispatcherWorkflowId(TASK_QUEUE));
    const send = summarize(d.sendMs);

    const perRobot = Math.ceil(REMINDERS / GROUPS.length);
    const slowest = ROBOT_RATE_LIMITS.dingtalk[0]!;
    const engineMs = result.queueMs + result.dueMs;
    const row = (r: Record<string, string | number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ');
    const lines = [
      `- ${REMINDERS} reminders (kind \`reminder\`, a digest kind) for ${PEOPLE} people in ${GROUPS.length} departments (${Math.floor(REMINDERS / PEOPLE)}–${Math.ceil(REMINDERS / PEOPLE)} each), one problem each, all queued at 09:00 of ${morning}; every person has an email address, and their department's group robot (${robots.length} robots: 4 DingTalk and 4 Feishu, signed, 4 WeCom) by default or by choice`,
      `- Temporal time-skipping test server (Java), PostgreSQL throwaway cluster, a real SMTP server (smtp-server + mailparser) and the robot sinks (signatures and documented rate limits checked); the worker, the sinks and the bench in one process; ${loadBefore.split('; ')[0]}`,
      `- production settings: quiet hours ${DEFAULT_QUIET_HOURS}, China's working days, the dispatcher's default poll; each reminder queued as the problem workflow's notify activity does it (outbox row, then the worker's coalesced wake signal), ${NOTIFY_CONCURRENCY} at a time; the ${DIGEST_GATHER_MS / 60_000}-minute gather wait is skipped by the server (nothing runs in it), everything else runs in real time`,
      `- load: ${loadBefore.replace(/^.*?; /, '')} at the start, ${loadAfterEngine.replace(/^.*?; /, '')} after the engine's run (the machine is shared)`,
      '',
      '| phase | wall time |',
      '|---|---:|',
      `| 09:00 storm: ${REMINDERS} outbox rows and wake signals (all queued after ${s(result.queuedMs)} s), each row expanded into its deliveries (in production this runs inside the gather wait) | ${s(result.queueMs)} s |`,
      `| gather wait (${DIGEST_GATHER_MS / 60_000} min) | skipped |`,
      `| digests due → every digest arrived (${result.emails} emails, ${result.posts} robot posts; first arrival ${s(result.firstMs)} s, last email ${s(result.lastEmailMs)} s, last post ${s(result.lastPostMs)} s) | ${s(result.dueMs)} s |`,
      `| **engine, gather wait excluded** | **${s(engineMs)} s** |`,
      `| baseline: ${REMINDERS} plain emails straight to the SMTP sink over the pooled transport (${LANE_CONCURRENCY.email} connections), no database, no Temporal: before / after / mean | ${s(baselineBefore)} / ${s(baselineAfter)} / **${s(baseline)} s** |`,
      '',
      `- **ratio engine / baseline: ${(engineMs / baseline).toFixed(2)}** (digests due → arrived alone: ${(result.dueMs / baseline).toFixed(2)})`,
      `- arrived: ${result.emails} emails to ${result.emailRecipients} distinct addresses, ${result.posts} robot posts to ${result.postRobots} distinct robots; **duplicates by key: ${result.duplicates}**; missing: ${result.missing}; unknown keys: ${result.strangers}; refused by the robot sinks: ${sinks.refused.length}; robot posts cut to the provider's size limit ("另有 … 项"): ${result.cutPosts} of ${result.posts}, items shown per post ${result.shownItems}`,
      `- database: notifications ${row(counts.notifications[0]!)}; deliveries ${counts.deliveries.map((r) => `${r.channel}/${r.status} ${r.n}`).join(', ')}; messages ${counts.messages.map(row).join('; ')}`,
      `- the dispatcher: ${d.runs} runs (continue-as-new), ${d.events} history events, ${d.signals} wake signals, activities ${row(d.activities)}; a sendMessage from scheduled to completed p50 / p95 / max ${[send.p50, send.p95, send.max].map(ms).join(' / ')} ms (${LANE_CONCURRENCY.email} emails in flight at most)`,
      `- robots are not in the baseline: ${REMINDERS} plain posts are about ${perRobot} per robot, and a DingTalk or WeCom robot takes ${slowest.max} a minute, so about ${Math.ceil(perRobot / slowest.max)} minutes`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    say(`[bench] written to ${writeSection('delivery', 'A morning of reminders: digests to email and group robots', lines.join('\n'))}`);
  } finally {
    for (const f of cleanups) await f().catch((e: unknown) => say(`[bench] cleanup: ${String(e)}`));
  }
}

/** Skips the server's clock to 09:00, queues the storm and times it until every digest has arrived. */
async function engineRun(env: TestWorkflowEnvironment, db: Db, smtp: SmtpSink, sinks: RobotSinks, reminders: Reminder[], morning: string) {
  // The dispatcher runs all day in production: start it a few minutes early and let its first
  // look at the outbox (weekly digests, then the outbox) finish, so the storm finds it waiting.
  const nine = shanghaiInstant(morning, 9).getTime();
  await env.sleep(nine - 3 * 60_000 - (await env.currentTimeMs()));
  await ensureDeliveryDispatcher(env.client, TASK_QUEUE);
  const dispatcher = env.client.workflow.getHandle(deliveryDispatcherWorkflowId(TASK_QUEUE));
  const completed = async () => ((await dispatcher.fetchHistory()).events ?? []).filter((e) => e.activityTaskCompletedEventAttributes).length;
  await until("the dispatcher's first look", async () => (await completed()) >= 2);
  await env.sleep(nine - (await env.currentTimeMs()));
  const mailFrom = smtp.received.length;
  const postFrom = sinks.accepted.length;
  say(`[bench] server clock at 09:00 ${morning}, the dispatcher waiting; the storm begins`);

  // The notify activity's own waker: one signal at once and one trailing per 500 ms, per worker.
  const wake = dispatcherWaker();
  const t0 = Date.now();
  await forEachLimit(reminders, NOTIFY_CONCURRENCY, async (r) => {
    const added = await insertNotifications(db, { campaignId: ID, problemNo: r.no, workflowId: r.workflowId, notifications: [r.notice] });
    if (added) wake(env.client, TASK_QUEUE);
  });
  const queuedMs = Date.now() - t0;
  say(`[bench] ${reminders.length} reminders queued in ${s(queuedMs)} s`);
  const unexpanded = async () => Number((await db.query<{ n: number }>('select count(*) as n from notifications where delivery_expanded_at is null')).rows[0]!.n);
  await until('every reminder expanded', async () => (await unexpanded()) === 0);
  const queueMs = Date.now() - t0;
  say(`[bench] every reminder expanded into deliveries ${s(queueMs)} s after the first was queued`);

  // Skip to the last delivery's due instant: the server skips only while nothing runs, so the
  // digests falling due earlier are composed and sent on the way, in real time.
  const { rows: [due] } = await db.query<{ last: Date }>('select max(not_before) as last from deliveries');
  const t1 = Date.now();
  const skipped = env.sleep(Math.max(1, new Date(due!.last).getTime() - (await env.currentTimeMs())));
  const mails = () => smtp.received.slice(mailFrom);
  const posts = () => sinks.accepted.slice(postFrom);
  const recipients = new Set(reminders.map((r) => r.to.email));
  await until('every digest arrived', () => new Set(mails().flatMap((m) => m.to)).size >= recipients.size && new Set(posts().map((p) => p.token)).size >= GROUPS.length, 10 * 60_000, 20);
  await skipped;
  // Arrival comes before the engine's record of it: wait for the record, then look for repeats.
  await until('every message recorded', async () => Number((await db.query<{ n: number }>(`select count(*) as n from messages where status in ('pending', 'sending')`)).rows[0]!.n) === 0);
  const last = (xs: { at: number }[]) => Math.max(...xs.map((x) => x.at)) - t1;

  return {
    ...(await arrivals(db, mails(), posts())),
    queuedMs,
    queueMs,
    dueMs: last([...mails(), ...posts()]),
    firstMs: Math.min(...[...mails(), ...posts()].map((x) => x.at)) - t1,
    lastEmailMs: last(mails()),
    lastPostMs: last(posts()),
    emails: mails().length,
    emailRecipients: new Set(mails().flatMap((m) => m.to)).size,
    posts: posts().length,
    postRobots: new Set(posts().map((p) => p.token)).size,
    cutPosts: posts().filter((p) => p.text.includes('另有')).length,
    shownItems: (['dingtalk', 'wecom', 'feishu'] as const).map((v) => `${v} ${posts().filter((p) => p.provider === v).map((p) => p.text.split('【到期提醒】').length - 1).join('/')}`).join(', '),
  };
}

main().catch((e: unknown) => {
  say(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
