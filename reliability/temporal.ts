// The Temporal server a fault script runs against, behind one small interface, so the same script
// can restart the dev server (SQLite) or Temporal's own server on PostgreSQL (servers/temporal-cluster.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../servers/ports';
import { startTemporalCluster } from '../servers/temporal-cluster';
import { startDevServerProcess } from '../servers/temporal-env';
import { env, type Env } from '../services/env';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';

export interface FaultTemporal {
  address: string;
  /** Stops the server and starts it again on the same address and the same stored state. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export type TemporalProfile = Env['RECTIFY_TEMPORAL_PROFILE'];

/** The profile from the environment, parsed once with the rest of it (services/env.ts). */
export function profileFromEnv(): TemporalProfile {
  return env().RECTIFY_TEMPORAL_PROFILE;
}

export async function startTemporalForFaults(profile: TemporalProfile = profileFromEnv()): Promise<FaultTemporal> {
  return profile === 'dev' ? startDev() : startCluster();
}

/** The dev server persisting to a SQLite file: a restart keeps every workflow, timer and update. */
async function startDev(): Promise<FaultTemporal> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-faults-temporal-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  const port = await freePort();
  // The first start on a new SQLite file creates the schema: give it longer than the default.
  const start = () => startDevServerProcess({ port, dbFile, searchAttributes: SEARCH_ATTRIBUTE_KEYS, timeoutMs: 60_000 });
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

/** Temporal's own server on PostgreSQL (servers/temporal-cluster.ts), 4 history shards. */
async function startCluster(): Promise<FaultTemporal> {
  const c = await startTemporalCluster({ searchAttributes: SEARCH_ATTRIBUTE_KEYS, shards: 4, say: (s) => void process.stderr.write(`[cluster] ${s}\n`) });
  return { address: c.address, restart: () => c.restart(), stop: () => c.stop() };
}
