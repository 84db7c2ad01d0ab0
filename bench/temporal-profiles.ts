// The two Temporal servers every benchmark scenario can run on, side by side in one run: the dev
// server (temporal CLI, in memory) and the production-like cluster (Temporal's own server on
// PostgreSQL, 4 history shards). BENCH_PROFILES=dev,cluster chooses (default both).
import { startTemporalProfile, type RunningTemporal, type TemporalProfile } from '../servers/temporal-profile';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';
import { say } from './measure';

export const PROFILE_LABEL: Record<TemporalProfile, string> = {
  dev: 'dev server (in memory)',
  cluster: 'cluster (Temporal 1.29.1 on PostgreSQL 15, 4 shards)',
};

export function benchProfiles(): TemporalProfile[] {
  const asked = (process.env.BENCH_PROFILES ?? 'dev,cluster').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = asked.filter((p) => p !== 'dev' && p !== 'cluster');
  if (bad.length) throw new Error(`BENCH_PROFILES 只能是 dev、cluster：${bad.join(', ')}`);
  return asked as TemporalProfile[];
}

/** The profile's server, its progress lines in the benchmark's log. */
export function startProfile(name: TemporalProfile): Promise<RunningTemporal> {
  return startTemporalProfile(name, { searchAttributes: SEARCH_ATTRIBUTE_KEYS, say: (s) => say(`[cluster] ${s}`) });
}
