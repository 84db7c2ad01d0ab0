// `npm start`: the whole system on embedded defaults — Temporal dev server (file-backed, web UI on
// 8233), PGlite behind a PostgreSQL socket, and the worker — plus a runtime file the CLI reads.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pgDb, pgliteDb } from '../db/client';
import { migrate } from '../db/migrate';
import { startDevServerProcess } from '../servers/temporal-env';
import { createWorker } from '../worker/create-worker';
import { env } from '../services/env';
import { removeRuntime, writeRuntime } from '../services/runtime';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';

const say = (s: string) => process.stdout.write(`${s}\n`);
const TEMPORAL_PORT = Number(process.env.RECTIFY_TEMPORAL_PORT ?? 7233);
const UI_PORT = Number(process.env.RECTIFY_UI_PORT ?? 8233);
const PG_PORT = Number(process.env.RECTIFY_PG_PORT ?? 5433);

async function main(): Promise<void> {
  // The bundler's chatter would bury the instructions below; warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const e = env();
  const dataDir = path.resolve(e.RECTIFY_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  say('[1/4] 启动 Temporal 开发服务器…');
  const temporal = await startDevServerProcess({
    dbFile: path.join(dataDir, 'temporal.db'),
    port: TEMPORAL_PORT,
    uiPort: UI_PORT,
    searchAttributes: SEARCH_ATTRIBUTE_KEYS,
    timeoutMs: 60_000,
  });

  let databaseUrl = e.DATABASE_URL;
  let socket: PGLiteSocketServer | undefined;
  let pglite: PGlite | undefined;
  if (!databaseUrl) {
    say('[2/4] 打开嵌入式数据库 PGlite…');
    const embedded = await pgliteDb(path.join(dataDir, 'pgdata'));
    await migrate(embedded);
    pglite = embedded.raw;
    socket = new PGLiteSocketServer({ db: pglite, port: PG_PORT, host: '127.0.0.1', maxConnections: 16 });
    await socket.start();
    databaseUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres?sslmode=disable`;
  } else say('[2/4] 使用 DATABASE_URL 指定的 PostgreSQL…');

  say('[3/4] 启动 worker…');
  const db = pgDb(databaseUrl);
  await migrate(db);
  const connection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({ connection, taskQueue: e.RECTIFY_TASK_QUEUE, db });
  const running = worker.run();

  writeRuntime({ temporalAddress: temporal.address, databaseUrl, uiUrl: `http://localhost:${UI_PORT}` });
  say('[4/4] 就绪。');
  say('');
  say(`  Temporal Web UI:  http://localhost:${UI_PORT}`);
  say(`  数据目录:         ${dataDir}`);
  say('');
  say('  在另一个终端载入演示台账（清远市人民医院巡察整改，来自真实通报）：');
  say('    npx rectify campaign create --file demo/ledger.json');
  say('    npx rectify ls -c qingyuan-2024');
  say('    npx rectify claim -c qingyuan-2024 1 --as dept-party');
  say('    npx rectify show -c qingyuan-2024 1');
  say('  按 Ctrl+C 停止。');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\n正在停止…');
    worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
    await db.close();
    await socket?.stop();
    await pglite?.close();
    await temporal.stop();
    removeRuntime();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await running.catch(async (err: unknown) => {
    await stop();
    throw err;
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
