// The cluster profile of `npm run start:cluster`, kept in the data folder across runs: one
// PostgreSQL (fsync on) holding Temporal's two databases and rectify's own, and Temporal's server.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { startKeptCluster } from './pg-cluster';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster';

/**
 * As root, PostgreSQL runs as the `postgres` user, which cannot enter a folder under /root: then
 * the cluster's data goes to /var/lib/rectify under a name derived from the data folder.
 */
function pgDirFor(dataDir: string): string {
  const preferred = path.join(dataDir, 'cluster', 'pg');
  if (process.getuid?.() !== 0) return preferred;
  mkdirSync(path.dirname(preferred), { recursive: true });
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', path.dirname(preferred)], { stdio: 'ignore' });
    return preferred;
  } catch {
    return path.join('/var/lib/rectify', createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12), 'pg');
  }
}

export interface KeptCluster {
  temporal: TemporalCluster;
  /** rectify's own database on the same PostgreSQL. */
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startKeptTemporalCluster(o: {
  dataDir: string;
  temporalPort: number;
  pgPort: number;
  searchAttributes: SearchAttributeKey<SearchAttributeType>[];
  say: (line: string) => void;
}): Promise<KeptCluster> {
  const pgDir = pgDirFor(o.dataDir);
  o.say(`  PostgreSQL 数据目录：${pgDir}`);
  const pg = await startKeptCluster(pgDir, o.pgPort);
  try {
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    const { rowCount } = await admin.query(`select 1 from pg_database where datname = 'rectify'`);
    if (!rowCount) await admin.query('create database rectify');
    await admin.end();
    const temporal = await startTemporalCluster({
      searchAttributes: o.searchAttributes,
      pg,
      port: o.temporalPort,
      dir: path.join(o.dataDir, 'cluster', 'temporal'),
      say: (s) => o.say(`  ${s}`),
    });
    const u = new URL(pg.url);
    u.pathname = '/rectify';
    return {
      temporal,
      databaseUrl: u.toString(),
      stop: async () => {
        await temporal.stop();
        await pg.stop();
      },
    };
  } catch (e) {
    await pg.stop();
    throw e;
  }
}
