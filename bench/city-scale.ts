// npm run bench -- city: 100,000 open problems in 30 campaigns on the cluster profile (Temporal's
// own server on PostgreSQL, one PostgreSQL for Temporal and rectify as in docker-compose.yml), one
// worker in its own process. Measures the load, the worker's memory (RSS, sampled every 2 s) with
// its sticky cache size, the ledger list over the loaded rows against a primary-key read, and a
// "morning": 3,500 problems whose 7-day reminders all fall due at one whole hour, timed from that
// hour until every reminder is in the outbox. The reminder hour is the first whole hour (Asia/
// Shanghai) at least CITY_LEAD_MIN minutes (default 50) after the start, so this takes about an hour.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgDb } from '../db/client';
import { migrate } from '../db/migrate';
import { countNotificationsOfKind } from '../db/queries/count-notifications';
import { countProjectedProblems } from '../db/queries/count-projected';
import { queryLedger, type LedgerQuery } from '../db/queries/ledger';
import { addDays, shanghaiDate } from '../domain/dates';
import { CampaignLedgerSchema, type CampaignLedger } from '../domain/schemas';
import { createFreshDatabase } from '../servers/pg-cluster';
import { startTemporalCluster } from '../servers/temporal-cluster';
import { createCampaign } from '../services/campaigns';
import { env } from '../services/env';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';
import { machine, ms, say, summarize, writeSection } from './measure';
import { syntheticLedger } from './synthetic-ledger';

const CAMPAIGNS = 30;
const MORNING = Number(process.env.CITY_MORNING ?? 3500);
const TOTAL = Number(process.env.CITY_PROBLEMS ?? 100_000);
const LEAD_MIN = Number(process.env.CITY_LEAD_MIN ?? 50);
const WORKER_HEAP_MB = 384;
const HOUR = 3600_000;
const SHANGHAI = 8 * HOUR;
const min = (v: number) => (v / 60_000).toFixed(1);

/** The first whole hour in Asia/Shanghai at least `lead` ms from now: its date and hour there. */
function morningHour(lead: number): { at: number; date: string; hour: number } {
  const at = Math.ceil((Date.now() + lead + SHANGHAI) / HOUR) * HOUR - SHANGHAI;
  return { at, date: shanghaiDate(at), hour: new Date(at + SHANGHAI).getUTCHours() };
}

/** Every problem's 7-day reminder on `date` at `hour`: one deadline a week later, calendar days. */
function morningLedger(date: string, hour: number): CampaignLedger {
  const base = syntheticLedger('city-morning', MORNING, addDays(date, 7));
  const deadline = addDays(date, 7);
  return CampaignLedgerSchema.parse({
    ...base,
    policy: { notifyHour: hour, workingDays: 'off' },
    problems: base.problems.map((p) => ({ ...p, kind: 'time-bound', deadline, measures: p.measures.map((m) => ({ ...m, due: deadline })) })),
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main(): Promise<void> {
  const loadBefore = machine();
  const cache = env().RECTIFY_MAX_CACHED_WORKFLOWS;
  const morning = morningHour(LEAD_MIN * 60_000);
  say(`[city] ${TOTAL} problems in ${CAMPAIGNS} campaigns; morning of ${MORNING} reminders at ${morning.date} ${morning.hour}:00 Asia/Shanghai (${new Date(morning.at).toISOString()})`);
  const cluster = await startTemporalCluster({ searchAttributes: SEARCH_ATTRIBUTE_KEYS, say: (s) => say(`[city] ${s}`) });
  const database = await createFreshDatabase(cluster.pgUrl);
  const db = pgDb(database.url);
  await migrate(db);
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-city-'));
  const bundleFile = path.join(dir, 'workflows.js');
  writeFileSync(bundleFile, (await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') })).code);
  // The worker's memory settings as deployed (README "Deploying"): fewer malloc arenas, a capped heap.
  const worker = spawn(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, '--import', 'tsx', path.join(__dirname, 'city-worker.ts')], {
    env: { ...process.env, MALLOC_ARENA_MAX: '2', CITY_TEMPORAL: cluster.address, CITY_DATABASE_URL: database.url, CITY_TASK_QUEUE: 'city', RECTIFY_WORKFLOW_BUNDLE: bundleFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rss: number[] = [];
  const sampler = setInterval(() => worker.pid && rss.push(rssMb(worker.pid)), 2000);
  const connection = await Connection.connect({ address: cluster.address });
  const client = new Client({ connection });
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      worker.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
      worker.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    });
    // The morning's campaign first, so its timers are armed long before its hour.
    const t0 = performance.now();
    const ledgers = [morningLedger(morning.date, morning.hour)];
    const rest = Math.ceil((TOTAL - MORNING) / (CAMPAIGNS - 1));
    for (let i = 1; i < CAMPAIGNS; i++) {
      ledgers.push(syntheticLedger(`city-${String(i).padStart(2, '0')}`, Math.min(rest, TOTAL - MORNING - rest * (i - 1)), addDays(shanghaiDate(Date.now()), 30 + i)));
    }
    let loaded = 0;
    for (const ledger of ledgers) {
      await createCampaign(client, db, ledger, { taskQueue: 'city', concurrency: 32 });
      loaded += ledger.problems.length;
      say(`[city] loaded ${ledger.id}: ${loaded}/${TOTAL} problems at ${min(performance.now() - t0)} min; worker RSS ${rss.at(-1)?.toFixed(0)} MB`);
    }
    const loadMs = performance.now() - t0;
    // Ready: every problem's first timer armed, read from the task queue's backlog draining to 0.
    for (;;) {
      const { count } = await client.workflow.count(`WorkflowType = 'problemWorkflow' AND ExecutionStatus = 'Running'`);
      const projected = (await Promise.all(ledgers.map((l) => countProjectedProblems(db, l.id, 0)))).reduce((a, b) => a + b, 0);
      if (count >= loaded && projected >= loaded && (await idle(client))) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const readyMs = performance.now() - t0;
    say(`[city] all ${loaded} ready at ${min(readyMs)} min`);
    lines.push(
      `- ${loaded} problems in ${ledgers.length} campaigns loaded (ledger rows, first steps, workflows started) in ${min(loadMs)} min (${Math.round(loaded / (loadMs / 1000))}/s); every first workflow task done at ${min(readyMs)} min`,
    );
    lines.push(...(await ledgerTimings(db, ledgers[1]!.id)));

    const waitMs = morning.at - Date.now();
    if (waitMs > 0) say(`[city] waiting ${min(waitMs)} min for ${morning.hour}:00 Asia/Shanghai`);
    await new Promise((r) => setTimeout(r, Math.max(0, waitMs)));
    const rssBeforeMorning = Math.max(...rss);
    const m0 = Date.now();
    let queued = 0;
    while ((queued = await countNotificationsOfKind(db, 'city-morning', 'reminder')) < MORNING) {
      if (Date.now() - m0 > 30 * 60_000) throw new Error(`morning: only ${queued}/${MORNING} reminders after 30 min`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const morningMs = Date.now() - morning.at;
    lines.push(`- morning: ${MORNING} reminders due at ${morning.hour}:00 (one deadline a week later), all ${queued} in the outbox **${(morningMs / 1000).toFixed(1)} s** after the hour, with ${loaded} problems open`);
    lines.push(`- worker RSS (its own process under tsx; sticky cache RECTIFY_MAX_CACHED_WORKFLOWS=${cache}, MALLOC_ARENA_MAX=2, --max-old-space-size=${WORKER_HEAP_MB}): max ${Math.max(...rss).toFixed(0)} MB over the run (${rssBeforeMorning.toFixed(0)} MB before the morning), last ${rss.at(-1)?.toFixed(0)} MB; target < 1024 MB`);
    lines.push(`- machine: ${loadBefore} at the start, ${machine()} at the end`);
    process.stdout.write(`${lines.join('\n')}\n`);
    say(`[city] written to ${writeSection('city', 'City scale: 100,000 problems on the cluster', lines.join('\n'))}`);
  } finally {
    clearInterval(sampler);
    worker.kill('SIGTERM');
    await connection.close();
    await db.close();
    await cluster.stop();
  }
}

/** No workflow task waiting: the task queue's backlog is empty. */
async function idle(client: Client): Promise<boolean> {
  const r = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: 'city' }, reportStats: true });
  return Number(r.stats?.approximateBacklogCount ?? 0) === 0;
}

/** The desk's ledger list for one campaign among 100,000 rows: pages of 50, against a primary-key read. */
async function ledgerTimings(db: ReturnType<typeof pgDb>, campaignId: string): Promise<string[]> {
  const today = shanghaiDate(Date.now());
  const cases: [string, Partial<LedgerQuery>][] = [
    ['first page by number', {}],
    ['status = assigned', { status: ['assigned'] }],
    ['department = 医务科', { department: '医务科' }],
    ['sort by deadline', { sort: 'deadline' }],
    ['text 制度 (titles)', { text: '制度' }],
    ['deep page 40', { page: 40 }],
  ];
  const samples = new Map<string, number[]>();
  for (let round = 0; round < 60; round++) {
    for (const [name, q] of [['baseline: one row by primary key', { no: 1 }] as [string, Partial<LedgerQuery>], ...cases]) {
      const t = performance.now();
      await queryLedger(db, { campaignId, today, pageSize: 50, page: 1, ...q });
      if (round >= 10) samples.set(name, [...(samples.get(name) ?? []), performance.now() - t]);
    }
  }
  const base = summarize(samples.get('baseline: one row by primary key')!);
  const all = summarize(cases.flatMap(([n]) => samples.get(n)!));
  return [
    `- ledger list of one campaign (${campaignId}) with ${'100,000'} rows in the table, page of 50, 50 timed runs each: ` +
      cases.map(([n]) => `${n} p95 ${ms(summarize(samples.get(n)!).p95)} ms`).join('; '),
    `- **ledger list p95 over all cases ${ms(all.p95)} ms; ratio to the primary-key read (p95 ${ms(base.p95)} ms): ${(all.p95 / base.p95).toFixed(1)}**`,
  ];
}

main().catch((e: unknown) => {
  say(`[city] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
