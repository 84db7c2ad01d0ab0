// The city-scale benchmark's worker, in its own process so its memory is measured alone. Settings
// come from the environment the benchmark sets: CITY_TEMPORAL, CITY_DATABASE_URL, CITY_TASK_QUEUE,
// RECTIFY_WORKFLOW_BUNDLE (a bundle file) and RECTIFY_MAX_CACHED_WORKFLOWS (the sticky cache).
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { pgDb } from '../db/client';
import { env, requiredEnv as need } from '../services/env';
import { createWorker } from '../worker/create-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: need('CITY_TEMPORAL') });
  const worker = await createWorker({
    connection,
    taskQueue: need('CITY_TASK_QUEUE'),
    db: pgDb(need('CITY_DATABASE_URL')),
    workflowBundle: { code: readFileSync(need('RECTIFY_WORKFLOW_BUNDLE'), 'utf8') },
    maxCachedWorkflows: env().RECTIFY_MAX_CACHED_WORKFLOWS,
  });
  process.stdout.write('worker ready\n');
  await worker.run();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
