// The production-like profile: Temporal's own multi-service server (built from the Go module proxy
// by servers/ensure-cluster.sh) on PostgreSQL for persistence and visibility, with its schemas set
// up by Temporal's SQL tool, 4 or more history shards, and the namespace and search attributes
// created through the server's API. Used by `npm run start:cluster`, tests and benchmarks.
import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
// SearchAttributeKey is not re-exported from the package root in 1.24.
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { cacheDir } from './paths';
import { startThrowawayCluster, type ThrowawayCluster } from './pg-cluster';
import { freeLowPort } from './ports';
import { clusterConfig, DYNAMIC_CONFIG, type ClusterPorts } from './temporal-cluster-config';
import { addSearchAttributes } from './temporal-env';

const run = promisify(execFile);

export interface ClusterOptions {
  /** Custom search attributes the namespace must have. */
  searchAttributes: SearchAttributeKey<SearchAttributeType>[];
  /** History shards (fixed for the life of the cluster's database). Default 4. */
  shards?: number;
  /** Frontend gRPC port. Default: a free one. */
  port?: number;
  /** PostgreSQL to use (its `postgres` database's server); a throwaway cluster of our own when absent. */
  pg?: { url: string };
  /** Where the config and the server's log go; a temp dir when absent. */
  dir?: string;
  /** Progress lines (stderr by default). */
  say?: (line: string) => void;
}

export interface TemporalCluster {
  /** host:port of the frontend. */
  address: string;
  /** The PostgreSQL server Temporal uses (`postgres` database). */
  pgUrl: string;
  /** The server's log file. */
  logFile: string;
  /** Stops the server and, if we started it, its PostgreSQL. */
  stop(): Promise<void>;
  /** Stops the server process (SIGTERM) and starts it again on the same database and ports. */
  restart(): Promise<void>;
  /** The server process id (for fault scripts). */
  pid(): number | undefined;
}

/** Paths of the server and SQL tool binaries; builds them once (ensure-cluster.sh) when missing. */
export function clusterBinaries(): { server: string; sql: string } {
  const fromEnv = { server: process.env.TEMPORAL_SERVER_BIN, sql: process.env.TEMPORAL_SQL_TOOL };
  if (fromEnv.server && fromEnv.sql) return { server: fromEnv.server, sql: fromEnv.sql };
  const bin = path.join(cacheDir(), 'cluster', 'bin');
  const paths = { server: path.join(bin, 'server'), sql: path.join(bin, 'sql') };
  if (!existsSync(paths.server) || !existsSync(paths.sql)) {
    const r = spawnSync('bash', [path.join(__dirname, 'ensure-cluster.sh')], { stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error(`准备 Temporal 服务器失败（servers/ensure-cluster.sh 退出码 ${r.status ?? r.signal}），见上方输出`);
  }
  return paths;
}

/** Creates both databases and brings their schemas to the versions embedded in the tool. */
async function setUpSchemas(sql: string, pgUrl: string, say: (s: string) => void): Promise<void> {
  const pg = new URL(pgUrl);
  const base = ['--plugin', 'postgres12', '--ep', pg.hostname, '-p', pg.port, '-u', decodeURIComponent(pg.username || 'postgres')];
  if (pg.password) base.push('--pw', decodeURIComponent(pg.password));
  const admin = new PgClient({ connectionString: pgUrl });
  await admin.connect();
  try {
    for (const [db, schema] of [['temporal', 'temporal'], ['temporal_visibility', 'visibility']] as const) {
      const args = [...base, '--db', db];
      // The tool's create-database succeeds on an existing database too: ask PostgreSQL instead.
      const exists = ((await admin.query('select 1 from pg_database where datname = $1', [db])).rowCount ?? 0) > 0;
      if (!exists) {
        await run(sql, [...args, 'create-database']);
        await run(sql, [...args, 'setup-schema', '-v', '0.0']);
      }
      await run(sql, [...args, 'update-schema', '--schema-name', `postgresql/v12/${schema}`]);
      say(`  ${db}: ${exists ? '已存在，schema 已是最新' : 'schema 已建立'}`);
    }
  } finally {
    await admin.end();
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Retries `f` until it succeeds or the deadline passes (the server is still coming up). */
async function retrying<T>(what: string, deadlineMs: number, f: () => Promise<T>, fatal?: () => string | undefined): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await f();
    } catch (e) {
      const dead = fatal?.();
      if (dead) throw new Error(dead, { cause: e });
      if (Date.now() > until) throw new Error(`${what} 超时：${e instanceof Error ? e.message : String(e)}`, { cause: e });
      await sleep(200);
    }
  }
}

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const grpcCode = (e: unknown): number | undefined => (e as { code?: number }).code;

/**
 * Ready means a real call answers: the frontend's health check passes long before the history
 * shards are acquired. Describing workflow ids spread over the shards reaches every shard owner.
 */
async function probe(connection: Connection, shards: number): Promise<void> {
  await Promise.all(
    Array.from({ length: Math.max(shards * 4, 16) }, async (_, i) => {
      try {
        await connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: `rectify-probe-${i}` } });
      } catch (e) {
        if (grpcCode(e) !== NOT_FOUND) throw e;
      }
    }),
  );
}

/** Namespace and search attributes through the server's own API; true when anything was added. */
async function register(connection: Connection, wanted: SearchAttributeKey<SearchAttributeType>[]): Promise<boolean> {
  let added = false;
  try {
    await connection.workflowService.registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs('7 days') });
    added = true;
  } catch (e) {
    if (grpcCode(e) !== ALREADY_EXISTS) throw e;
  }
  const { keys } = await retrying('读取搜索属性', 20_000, () => connection.operatorService.listSearchAttributes({ namespace: 'default' }))
    .then((r) => ({ keys: new Set(Object.keys(r.customAttributes ?? {})) }));
  const missing = wanted.filter((k) => !keys.has(k.name));
  if (missing.length) {
    await addSearchAttributes(connection, 'default', missing);
    added = true;
  }
  return added;
}

export async function startTemporalCluster(opts: ClusterOptions): Promise<TemporalCluster> {
  const say = opts.say ?? ((s: string) => process.stderr.write(`[cluster] ${s}\n`));
  const shards = opts.shards ?? 4;
  const bins = clusterBinaries();
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'rectify-temporal-'));
  const ownDir = !opts.dir;
  mkdirSync(path.join(dir, 'config'), { recursive: true });
  let ownPg: ThrowawayCluster | undefined;
  const pgUrl = opts.pg?.url ?? (ownPg = await startThrowawayCluster()).url;
  const t0 = performance.now();
  let child: ChildProcess | undefined;
  try {
    await setUpSchemas(bins.sql, pgUrl, say);
    const ports = await reusePorts(dir, opts.port);
    const dynamic = path.join(dir, 'config', 'dynamic.yaml');
    writeFileSync(dynamic, DYNAMIC_CONFIG);
    const logFile = path.join(dir, 'temporal.log');
    // JSON is YAML: the config is written from a typed object instead of patching a template's text.
    writeFileSync(path.join(dir, 'config', 'development.yaml'), JSON.stringify(clusterConfig({ pg: new URL(pgUrl), shards, ports, dynamicConfigFile: dynamic, logFile }), null, 2));
    const address = `127.0.0.1:${ports.frontend}`;

    const launch = async (): Promise<void> => {
      const out = openSync(path.join(dir, 'server.out'), 'a');
      child = spawn(bins.server, ['--root', dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], { stdio: ['ignore', out, out] });
      const exited = () => (child?.exitCode !== null ? `Temporal 服务器已退出，见 ${logFile}` : undefined);
      const connection = await retrying('连接 Temporal 前端', 60_000, () => Connection.connect({ address, connectTimeout: 1000 }), exited);
      try {
        if (await retrying('创建命名空间与搜索属性', 60_000, () => register(connection, opts.searchAttributes), exited)) {
          // Search attributes reach the history service's cache only on its next refresh (60 s):
          // one restart after the first set-up makes them usable at once.
          say('  命名空间与搜索属性已创建，重启一次使其生效');
          await connection.close();
          await halt();
          return launch();
        }
        await retrying('等待分片就绪', 60_000, () => probe(connection, shards), exited);
      } finally {
        await connection.close().catch(() => undefined);
      }
    };
    const halt = async (): Promise<void> => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGTERM');
      const killer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    };
    const orphanGuard = (): void => void child?.kill('SIGKILL');
    process.once('exit', orphanGuard);
    await launch();
    say(`Temporal（PostgreSQL，${shards} 个历史分片）已就绪：${address}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return {
      address,
      pgUrl,
      logFile,
      pid: () => child?.pid,
      restart: async () => {
        await halt();
        await launch();
      },
      stop: async () => {
        process.removeListener('exit', orphanGuard);
        await halt();
        await ownPg?.stop();
        if (ownDir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await ownPg?.stop();
    throw e;
  }
}

/** The same ports across restarts of a kept cluster (its membership records name them). */
async function reusePorts(dir: string, frontend?: number): Promise<ClusterPorts> {
  const file = path.join(dir, 'ports.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as ClusterPorts;
    if (frontend === undefined || kept.frontend === frontend) return kept;
  }
  const taken = new Set<number>();
  const free = async () => {
    const p = await freeLowPort(taken);
    taken.add(p);
    return p;
  };
  const ports: ClusterPorts = {
    frontend: frontend ?? (await free()), frontendHttp: await free(), frontendMembership: await free(),
    history: await free(), historyMembership: await free(), matching: await free(), matchingMembership: await free(),
    worker: await free(), workerMembership: await free(),
  };
  writeFileSync(file, JSON.stringify(ports));
  return ports;
}
