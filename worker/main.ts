// A standalone worker against an existing Temporal server and PostgreSQL (DATABASE_URL).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { openDb } from '../db/open';
import { createWorker } from './create-worker';
import { ensureDeliveryDispatcher } from './dispatcher';
import { env } from '../services/env';

async function main(): Promise<void> {
  const e = env();
  if (!e.DATABASE_URL) throw new Error('独立运行的 worker 需要 DATABASE_URL；本地体验请用 npm start');
  const db = await openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.RECTIFY_DATA_DIR });
  const connection = await NativeConnection.connect({ address: e.TEMPORAL_ADDRESS });
  const worker = await createWorker({ connection, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.RECTIFY_TASK_QUEUE, db, maxCachedWorkflows: e.RECTIFY_MAX_CACHED_WORKFLOWS });
  // The delivery dispatcher of this task queue (one whatever the number of workers).
  const clientConnection = await Connection.connect({ address: e.TEMPORAL_ADDRESS });
  await ensureDeliveryDispatcher(new Client({ connection: clientConnection, namespace: e.TEMPORAL_NAMESPACE }), e.RECTIFY_TASK_QUEUE);
  try {
    await worker.run();
  } finally {
    await clientConnection.close();
    await connection.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`worker 启动失败: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
