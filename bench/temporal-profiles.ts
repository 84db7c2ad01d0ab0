// The two Temporal servers every benchmark scenario can run on, side by side in one run: the dev
// server (temporal CLI, in memory) and the production-like cluster (Temporal's own server on
// PostgreSQL, 4 history shards). BENCH_PROFILES=dev,cluster chooses (default both).
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';
import { freePort } from '../servers/ports';
import { startTemporalCluster } from '../servers/temporal-cluster';
import { startDevServerProcess } from '../servers/temporal-env';
import { say } from './measure';

export type ProfileName = 'dev' | 'cluster';

export const PROFILE_LABEL: Record<ProfileName, string> = {
  dev: 'dev server (in memory)',
  cluster: 'cluster (Temporal 1.29.1 on PostgreSQL 15, 4 shards)',
};

export interface RunningTemporal {
  address: string;
  stop(): Promise<void>;
}

export function benchProfiles(): ProfileName[] {
  const asked = (process.env.BENCH_PROFILES ?? 'dev,cluster').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = asked.filter((p) => p !== 'dev' && p !== 'cluster');
  if (bad.length) throw new Error(`BENCH_PROFILES 只能是 dev、cluster：${bad.join(', ')}`);
  return asked as ProfileName[];
}

export async function startProfile(name: ProfileName, shards = 4): Promise<RunningTemporal> {
  if (name === 'dev') return startDevServerProcess({ port: await freePort(), searchAttributes: SEARCH_ATTRIBUTE_KEYS });
  const c = await startTemporalCluster({ searchAttributes: SEARCH_ATTRIBUTE_KEYS, shards, say: (s) => say(`[cluster] ${s}`) });
  return { address: c.address, stop: c.stop };
}
