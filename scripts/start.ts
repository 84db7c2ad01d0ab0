// `npm start`: the whole system on embedded defaults — Temporal dev server (file-backed, web UI on
// 8233), PGlite behind a PostgreSQL socket, the worker and the desk (HTTP API and web pages) — plus
// a runtime file the CLI reads. On a first start it loads the demo campaign and its accounts.
// `npm run start:cluster` (RECTIFY_TEMPORAL_PROFILE=cluster) runs Temporal's own server on a kept
// PostgreSQL instead, the production shape, with rectify's database on the same PostgreSQL.
import { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pgDb, pgliteDb } from '../db/client';
import { migrate } from '../db/migrate';
import { servePglite } from '../db/pglite-socket';
import { startKeptTemporalCluster } from '../servers/kept-cluster';
import { startDevServerProcess } from '../servers/temporal-env';
import { buildServer } from '../server/app';
import { deskConfig } from '../server/context';
import { isFirstStart, loadDemo } from '../services/demo';
import { env } from '../services/env';
import { evidenceStoreFor } from '../services/evidence';
import { createLogger } from '../services/logger';
import { removeRuntime, writeRuntime } from '../services/runtime';
import { createWorker } from '../worker/create-worker';
import { ensureDeliveryDispatcher } from '../worker/dispatcher';
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

  const cluster = e.RECTIFY_TEMPORAL_PROFILE === 'cluster';
  let temporal: { address: string; stop(): Promise<void> };
  let databaseUrl = e.DATABASE_URL;
  let socket: PGLiteSocketServer | undefined;
  let pglite: PGlite | undefined;
  if (cluster) {
    // Production-like: Temporal's own server on PostgreSQL, which also holds rectify's database.
    say('[1/5] 启动 Temporal 服务器（PostgreSQL 持久化，生产形态）…');
    const kept = await startKeptTemporalCluster({ dataDir, temporalPort: TEMPORAL_PORT, pgPort: PG_PORT, searchAttributes: SEARCH_ATTRIBUTE_KEYS, say });
    temporal = { address: kept.temporal.address, stop: kept.stop };
    if (databaseUrl) say('[2/5] 使用 DATABASE_URL 指定的 PostgreSQL…');
    else {
      say('[2/5] 使用同一 PostgreSQL 中的 rectify 数据库…');
      databaseUrl = kept.databaseUrl;
    }
  } else {
    say('[1/5] 启动 Temporal 开发服务器…');
    temporal = await startDevServerProcess({
      dbFile: path.join(dataDir, 'temporal.db'),
      port: TEMPORAL_PORT,
      uiPort: UI_PORT,
      searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      timeoutMs: 60_000,
    });
    if (!databaseUrl) {
      say('[2/5] 打开嵌入式数据库 PGlite…');
      const embedded = await pgliteDb(path.join(dataDir, 'pgdata'));
      await migrate(embedded);
      pglite = embedded.raw;
      socket = await servePglite(pglite, PG_PORT);
      databaseUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres?sslmode=disable`;
    } else say('[2/5] 使用 DATABASE_URL 指定的 PostgreSQL…');
  }

  say('[3/5] 启动 worker…');
  const db = pgDb(databaseUrl);
  await migrate(db);
  const native = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({ connection: native, taskQueue: e.RECTIFY_TASK_QUEUE, db, maxCachedWorkflows: e.RECTIFY_MAX_CACHED_WORKFLOWS });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: e.TEMPORAL_NAMESPACE });
  // Reminders by email and group robots (RECTIFY_SMTP_URL, robots configured in the desk).
  await ensureDeliveryDispatcher(client, e.RECTIFY_TASK_QUEUE);

  const demoFile = path.join(dataDir, 'demo-password.txt');
  if (!e.RECTIFY_DEMO) say('[4/5] 跳过演示数据（RECTIFY_DEMO=0）');
  else if (await isFirstStart(db)) {
    say('[4/5] 首次启动：载入演示巡察整改（清远市人民医院，来自真实通报）并创建演示账号…');
    const demo = await loadDemo(client, db, { taskQueue: e.RECTIFY_TASK_QUEUE, password: e.RECTIFY_DEMO_PASSWORD });
    // Kept for the next start (readable by this user only): a generated password is shown once.
    writeFileSync(demoFile, `${demo.password}\n`, { mode: 0o600 });
    say(`      问题 ${demo.problems} 个，账号 ${demo.usernames.length} 个`);
  } else say('[4/5] 数据目录已有数据，不再载入演示数据');

  say('[5/5] 启动整改工作台…');
  const desk = await buildServer({
    db,
    temporal: client,
    evidence: evidenceStoreFor(dataDir),
    logger: createLogger(e.LOG_LEVEL === 'info' ? 'warn' : e.LOG_LEVEL),
    config: deskConfig(e),
  });
  await desk.listen({ port: e.PORT, host: e.HOST });
  const deskUrl = `http://${e.HOST === '0.0.0.0' || e.HOST === '127.0.0.1' ? 'localhost' : e.HOST}:${e.PORT}`;
  writeRuntime({ temporalAddress: temporal.address, databaseUrl, uiUrl: cluster ? undefined : `http://localhost:${UI_PORT}`, deskUrl });

  say('');
  say(`  整改工作台:       ${deskUrl}`);
  if (e.RECTIFY_DEMO && existsSync(demoFile)) {
    const password = e.RECTIFY_DEMO_PASSWORD ?? readFileSync(demoFile, 'utf8').trim();
    say('  演示账号（用户名即人员编号）:');
    say('    dept-medical 医务科科长 · dept-finance 财务科科长 · vp-medical 分管医疗副院长');
    say('    office-director 整改办主任 · secretary 党委书记（组长） · admin 系统管理员');
    say(`  演示密码:         ${password}${e.RECTIFY_DEMO_PASSWORD ? '' : `（随机生成，保存在 ${demoFile}）`}`);
  }
  if (cluster) say(`  Temporal 服务器:   ${temporal.address}（PostgreSQL，Web UI 见 docker-compose.yml 的 temporal-ui）`);
  else say(`  Temporal Web UI:  http://localhost:${UI_PORT}`);
  say(`  数据目录:         ${dataDir}`);
  say('  命令行:           npx rectify --help');
  say('  按 Ctrl+C 停止。');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\n正在停止…');
    await desk.close();
    // The SDK's runtime shuts its workers down on SIGINT/SIGTERM too: shutting down twice throws.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
    await native.close();
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
