// npm run bench: how long creating a 3,500-problem campaign takes on the dev server, as a ratio
// against starting 3,500 no-op workflows on the same server in the same run.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pgDb } from '../db/client';
import { migrate } from '../db/migrate';
import { createCampaign, forEachLimit } from '../services/campaigns';
import { shanghaiDate, addDays } from '../domain/dates';
import { withTestDatabase } from '../servers/pg-cluster';
import { startDevServerProcess } from '../servers/temporal-env';
import { createWorker } from '../worker/create-worker';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';
import { syntheticLedger } from './synthetic-ledger';

const N = Number(process.env.BENCH_PROBLEMS ?? 3500);
const CONCURRENCY = 32;
const say = (s: string) => process.stderr.write(`${s}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  say(`[bench] ${N} problems, ${CONCURRENCY} concurrent starts`);
  const temporal = await startDevServerProcess({ port: 17233 + Math.floor(Math.random() * 1000), searchAttributes: SEARCH_ATTRIBUTE_KEYS });
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  await migrate(db);
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const clientConnection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection: clientConnection });
  const worker = await createWorker({ connection, taskQueue: 'bench', db, workflowBundle: { code }, maxConcurrentActivityTaskExecutions: Number(process.env.BENCH_ACTIVITIES ?? 20) });
  const running = worker.run();
  try {
    // Baseline: the same number of starts, same concurrency, of workflows that do nothing.
    const ids = Array.from({ length: N }, (_, i) => `noop-${i}`);
    let t = performance.now();
    await forEachLimit(ids, CONCURRENCY, async (workflowId) => {
      await client.workflow.start('noopWorkflow', { workflowId, taskQueue: 'bench' });
    });
    const baselineMs = performance.now() - t;
    say(`[bench] baseline: ${N} no-op workflows started in ${seconds(baselineMs)} s`);

    const ledger = syntheticLedger('bench', N, addDays(shanghaiDate(Date.now()), 30));
    const heapBefore = process.memoryUsage().heapUsed;
    t = performance.now();
    let last = 0;
    const result = await createCampaign(client, db, ledger, {
      taskQueue: 'bench',
      concurrency: CONCURRENCY,
      onProgress: (done) => {
        if (done - last >= N / 10 || done === N) say(`[bench] started ${(last = done)}/${N}`);
      },
    });
    const campaignMs = performance.now() - t;
    // Every workflow has run and written its first snapshot (version 0) into the projection.
    for (;;) {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from problems where campaign_id = $1 and version >= 0', ['bench']);
      if (process.env.BENCH_TRACE) say(`[bench] projected ${rows[0]!.n} at ${seconds(performance.now() - t)} s`);
      if (rows[0]!.n >= N) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const projectedMs = performance.now() - t;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    if (result.started !== N) throw new Error(`expected ${N} workflows started, got ${result.started}`);

    const lines = [
      `- problems: ${N}; start concurrency: ${CONCURRENCY}; machine: 2 cores; dev server in memory; PostgreSQL 15 throwaway cluster`,
      `- baseline, ${N} no-op workflows started: ${seconds(baselineMs)} s (${Math.round(N / (baselineMs / 1000))}/s)`,
      `- campaign create (ledger rows + ${N} problem workflows + campaign workflow started): ${seconds(campaignMs)} s`,
      `- ... and every problem's first snapshot written to the projection: ${seconds(projectedMs)} s`,
      `- **ratio campaign / baseline: ${(campaignMs / baselineMs).toFixed(2)}** (to projection: ${(projectedMs / baselineMs).toFixed(2)})`,
      `- client-side heap growth during campaign create: ${heapMb.toFixed(1)} MB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const file = path.resolve(__dirname, '../BENCHMARKS.md');
    writeFileSync(file, withSection(existsSync(file) ? readFileSync(file, 'utf8') : '', lines.join('\n')));
    say(`[bench] written to ${file}`);
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

/** Replaces only this benchmark's figures, keeping the notes written around them. */
function withSection(doc: string, figures: string): string {
  const dated = `<!-- bench:start -->\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.\n\n${figures}\n<!-- bench:end -->`;
  const m = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (m.test(doc)) return doc.replace(m, dated);
  return `# Benchmarks\n\nRatios compare against a baseline measured in the same run on the same server.\n\n## Starting a city-level campaign\n\n${dated}\n`;
}

main().catch((e: unknown) => {
  say(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
