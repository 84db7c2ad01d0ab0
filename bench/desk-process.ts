// The system under load in bench/desk-load.ts, in its own process as in production: the desk (HTTP
// API) and a worker running the benchmark's bundle (the real workflows and the no-op update
// workflow), like `npm start`. The load comes from another process, so its own work is not counted
// as the server's. Started with fork(); told its servers through the environment; answers on IPC.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgDb } from '../db/client';
import { buildServer } from '../server/app';
import { evidenceStoreFor } from '../services/evidence';
import { createLogger } from '../services/logger';
import { createWorker } from '../worker/create-worker';

export type DeskProcessMessage = { ready: string } | { cpu: NodeJS.CpuUsage } | { stopped: true };
export type DeskProcessCommand = 'cpu' | 'stop';

async function main(): Promise<void> {
  const address = process.env.BENCH_TEMPORAL!;
  const taskQueue = process.env.BENCH_TASK_QUEUE!;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = pgDb(process.env.BENCH_DATABASE_URL!);
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') });
  const native = await NativeConnection.connect({ address });
  const worker = await createWorker({ connection: native, taskQueue, db, workflowBundle: { code } });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const app = await buildServer({
    db,
    temporal: new Client({ connection }),
    evidence: evidenceStoreFor(mkdtempSync(path.join(tmpdir(), 'rectify-bench-desk-'))),
    logger: createLogger('silent'),
    // Fifty people sign in from one address within a minute: the production limit (10) would refuse them.
    config: { maxUploadBytes: 1024 * 1024, secureCookie: false, loginRateLimit: 10_000, taskQueue },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const send = (m: DeskProcessMessage) => process.send?.(m);
  process.on('message', (m: DeskProcessCommand) => {
    if (m === 'cpu') send({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      void (async () => {
        await app.close();
        worker.shutdown();
        await running;
        await connection.close();
        await native.close();
        await db.close();
        send({ stopped: true });
        process.exit(0);
      })();
    }
  });
  // Orphaned (the bench died): do not linger.
  process.on('disconnect', () => process.exit(1));
  send({ ready: url });
}

main().catch((e: unknown) => {
  process.stderr.write(`[desk-process] failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
