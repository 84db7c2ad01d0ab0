// The two Temporal servers rectify runs on, by profile: the dev server (temporal CLI) or the
// production-like cluster (Temporal's own server on PostgreSQL, servers/temporal-cluster.ts).
// Benchmarks start either side by side; fault scripts start the one RECTIFY_TEMPORAL_PROFILE names
// and restart it mid-run.
import type { SearchAttributeType } from '@temporalio/common';
// SearchAttributeKey is not re-exported from the package root in 1.24.
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Env } from '../services/env';
import { freePort } from './ports';
import { startTemporalCluster } from './temporal-cluster';
import { startDevServerProcess } from './temporal-env';

export type TemporalProfile = Env['RECTIFY_TEMPORAL_PROFILE'];

export interface ProfileOptions {
  searchAttributes: SearchAttributeKey<SearchAttributeType>[];
  /** History shards of the cluster. Default 4. */
  shards?: number;
  /** The cluster's progress lines (stderr by default). */
  say?: (line: string) => void;
}

export interface RunningTemporal {
  address: string;
  stop(): Promise<void>;
}

export interface RestartableTemporal extends RunningTemporal {
  /** Stops the server and starts it again on the same address and the same stored state. */
  restart(): Promise<void>;
}

/**
 * Starts the profile's server. The dev server runs in memory, unless `restartable`: then it
 * persists to a SQLite file of its own (deleted by stop), so a restart keeps every workflow, timer
 * and update. The cluster keeps its state in PostgreSQL either way.
 */
export function startTemporalProfile(profile: TemporalProfile, o: ProfileOptions & { restartable: true }): Promise<RestartableTemporal>;
export function startTemporalProfile(profile: TemporalProfile, o: ProfileOptions): Promise<RunningTemporal>;
export async function startTemporalProfile(profile: TemporalProfile, o: ProfileOptions & { restartable?: boolean }): Promise<RunningTemporal | RestartableTemporal> {
  if (profile === 'cluster') {
    const c = await startTemporalCluster({ searchAttributes: o.searchAttributes, shards: o.shards ?? 4, say: o.say });
    return { address: c.address, restart: () => c.restart(), stop: () => c.stop() };
  }
  const port = await freePort();
  if (!o.restartable) return startDevServerProcess({ port, searchAttributes: o.searchAttributes });
  return startRestartableDev(port, o.searchAttributes);
}

async function startRestartableDev(port: number, searchAttributes: SearchAttributeKey<SearchAttributeType>[]): Promise<RestartableTemporal> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-temporal-dev-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  // The first start on a new SQLite file creates the schema: give it longer than the default.
  const start = () => startDevServerProcess({ port, dbFile, searchAttributes, timeoutMs: 60_000 });
  let server = await start();
  return {
    address: server.address,
    async restart() {
      await server.stop();
      server = await start();
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
