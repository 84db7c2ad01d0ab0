// npm run bench -- campaign: how long until every problem of a 3,500-problem campaign is ready —
// projection row at its first version, search attributes set, first timer armed — as a ratio
// against starting 3,500 no-op workflows on the same server in the same run. On the dev server
// and on the cluster profile side by side (BENCH_PROFILES), with where the first run's time goes.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { pgDb } from '../db/client';
import { countProjectedProblems } from '../db/queries/count-projected';
import { migrate } from '../db/migrate';
import { addDays, shanghaiDate } from '../domain/dates';
import { problemWorkflowId } from '../domain/ids';
import { createCampaign, forEachLimit } from '../services/campaigns';
import { withTestDatabase } from '../servers/pg-cluster';
import type { TemporalProfile } from '../servers/temporal-profile';
import { createWorker } from '../worker/create-worker';
import { SearchAttributes } from '../workflows/definitions';
import { firstRunPhases, type FirstRunPhases } from './first-run-phases';
import { machine, ms, say, writeSection } from './measure';
import { syntheticLedger } from './synthetic-ledger';
import { benchProfiles, PROFILE_LABEL, startProfile } from './temporal-profiles';

const N = Number(process.env.BENCH_PROBLEMS ?? 3500);
const CONCURRENCY = 32;
const s = (v: number) => (v / 1000).toFixed(2);

interface Result {
  profile: TemporalProfile;
  baselineMs: number;
  /** The no-op workflows started and their single workflow task completed (polled every 200 ms). */
  baselineDoneMs: number;
  createMs: number;
  projectedMs: number;
  searchableMs: number;
  readyMs: number;
  phases: FirstRunPhases;
}

async function waitFor(what: string, t0: number, done: () => Promise<boolean>): Promise<number> {
  for (let i = 0; ; i++) {
    if (await done()) return performance.now() - t0;
    if (i % 25 === 0) say(`[bench]   waiting for ${what}: ${s(performance.now() - t0)} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runProfile(profile: TemporalProfile, code: string): Promise<Result> {
  say(`[bench] === ${PROFILE_LABEL[profile]}: ${N} problems, ${CONCURRENCY} concurrent starts ===`);
  const temporal = await startProfile(profile);
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  await migrate(db);
  const connection = await NativeConnection.connect({ address: temporal.address });
  const clientConnection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection: clientConnection });
  const worker = await createWorker({ connection, taskQueue: 'bench', db, workflowBundle: { code } });
  const running = worker.run();
  try {
    // Baseline: the same number of starts, same concurrency, of workflows that do nothing.
    let t = performance.now();
    await forEachLimit(Array.from({ length: N }, (_, i) => `noop-${i}`), CONCURRENCY, async (workflowId) => {
      await client.workflow.start('noopWorkflow', { workflowId, taskQueue: 'bench' });
    });
    const baselineMs = performance.now() - t;
    say(`[bench]   baseline: ${N} no-op starts in ${s(baselineMs)} s`);
    // Their workflow tasks may still be queued: let them finish so the campaign does not pay for them.
    const baselineDoneMs = await waitFor('no-op workflows to complete', t, async () => (await client.workflow.count(`WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed'`)).count >= N);
    say(`[bench]   baseline: ${N} no-op workflows started and their one workflow task done in ${s(baselineDoneMs)} s`);

    const ledger = syntheticLedger('bench', N, addDays(shanghaiDate(Date.now()), 30));
    let last = 0;
    t = performance.now();
    const wall0 = Date.now();
    const result = await createCampaign(client, db, ledger, {
      taskQueue: 'bench',
      concurrency: CONCURRENCY,
      onProgress: (done) => void (done - last >= N / 5 && say(`[bench]   started ${(last = done)}/${N}`)),
    });
    const createMs = performance.now() - t;
    if (result.started !== N) throw new Error(`expected ${N} workflows started, got ${result.started}`);
    const projectedMs = await waitFor('projection', t, async () => (await countProjectedProblems(db, 'bench', 0)) >= N);
    const query = `WorkflowType = 'problemWorkflow' AND ${SearchAttributes.campaign.name} = 'bench' AND ${SearchAttributes.status.name} = 'assigned'`;
    const searchableMs = await waitFor('search attributes', t, async () => (await client.workflow.count(query)).count >= N);
    const ids = ledger.problems.map((p) => problemWorkflowId('bench', p.no));
    const phases = await waitFor('first timers', t, async () => (await firstRunPhases(client, ids.slice(-50))).armed === 50).then(() => firstRunPhases(client, ids));
    if (phases.armed !== N) throw new Error(`${N - phases.armed} problems have no timer armed`);
    const readyMs = Math.max(projectedMs, searchableMs, phases.lastReadyAt - wall0);
    say(`[bench]   ready: ${s(readyMs)} s (ratio ${(readyMs / baselineMs).toFixed(2)})`);
    return { profile, baselineMs, baselineDoneMs, createMs, projectedMs, searchableMs, readyMs, phases };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await clientConnection.close();
    await db.close();
    await database.close();
    await temporal.stop();
  }
}

function report(results: Result[], loadBefore: string): string {
  const col = (f: (r: Result) => string) => results.map(f).join(' | ');
  const row = (label: string, f: (r: Result) => string) => `| ${label} | ${col(f)} |`;
  const phaseNames = [...new Set(results.flatMap((r) => Object.keys(r.phases.phases)))];
  return [
    `- ${N} problems, ${CONCURRENCY} concurrent starts, one worker in the benchmark's process; rectify's database a throwaway PostgreSQL 15 (fsync off); the cluster's own PostgreSQL likewise`,
    `- machine: ${loadBefore} before, ${machine()} after`,
    '',
    `| | ${results.map((r) => PROFILE_LABEL[r.profile]).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    row(`baseline: ${N} no-op workflows started (s)`, (r) => s(r.baselineMs)),
    row(`second baseline: the same no-op workflows started and their one workflow task done (s)`, (r) => s(r.baselineDoneMs)),
    row('campaign create: ledger rows + every workflow started (s)', (r) => s(r.createMs)),
    row('every projection row at its first version (s)', (r) => s(r.projectedMs)),
    row('every problem found by its search attributes (s)', (r) => s(r.searchableMs)),
    row('every first timer armed (s)', (r) => s(r.phases.lastReadyAt ? r.readyMs : Number.NaN)),
    row('**ready / baseline (bare starts)**', (r) => `**${(r.readyMs / r.baselineMs).toFixed(2)}**`),
    row('ready / second baseline (starts and first tasks)', (r) => (r.readyMs / r.baselineDoneMs).toFixed(2)),
    row('first-run workflow tasks / activities', (r) => `${r.phases.workflowTasks} / ${r.phases.activities}`),
    ...phaseNames.map((p) => row(`${p}, p50 / p95 (ms)`, (r) => (r.phases.phases[p] ? `${ms(r.phases.phases[p].p50)} / ${ms(r.phases.phases[p].p95)}` : '—'))),
  ].join('\n');
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const loadBefore = machine();
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') });
  const results: Result[] = [];
  for (const p of benchProfiles()) results.push(await runProfile(p, code));
  const figures = report(results, loadBefore);
  process.stdout.write(`${figures}\n`);
  say(`[bench] written to ${writeSection('campaign', 'Starting a city-level campaign', figures)}`);
}

main().catch((e: unknown) => {
  say(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
