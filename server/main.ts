// The desk on its own, against an existing Temporal server and PostgreSQL (DATABASE_URL):
// `npx tsx server/main.ts`. `npm start` runs it together with everything else.
import { Client, Connection } from '@temporalio/client';
import path from 'node:path';
import { openDb } from '../db/open';
import { evidenceStoreFor } from '../services/evidence';
import { env } from '../services/env';
import { createLogger } from '../services/logger';
import { buildServer } from './app';
import { deskConfig } from './context';

async function main(): Promise<void> {
  const e = env();
  if (!e.DATABASE_URL) throw new Error('独立运行的服务需要 DATABASE_URL；本地体验请用 npm start');
  const logger = createLogger(e.LOG_LEVEL);
  const db = await openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.RECTIFY_DATA_DIR });
  const connection = await Connection.connect({ address: e.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: e.TEMPORAL_NAMESPACE });
  const app = await buildServer({
    db,
    temporal,
    evidence: evidenceStoreFor(path.resolve(e.RECTIFY_DATA_DIR)),
    logger,
    config: deskConfig(e),
  });
  await app.listen({ port: e.PORT, host: e.HOST });
  const stop = async () => {
    await app.close();
    await connection.close();
    await db.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`服务启动失败: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
