// npm run bench [-- campaign|ledger|desk|delivery|cli|city …]: each benchmark in its own process, one after another
// (all of them when none is named), so one's servers, memory and Temporal runtime never weigh on
// the next. Each writes its own section of BENCHMARKS.md.
import { fork } from 'node:child_process';

const BENCHES: Record<string, string> = {
  campaign: './start-campaign', // starting a 3,500-problem campaign vs no-op workflow starts
  ledger: './ledger-list', // the ledger list over 100,000 problems vs a primary-key read
  desk: './desk-load', // 50 users on the desk vs a bare Workflow Update
  'desk-cluster': './desk-load', // the same on the cluster profile (BENCH_PROFILE=cluster)
  delivery: './delivery-storm', // 3,500 reminders at 09:00 as digests to email and robots vs plain emails
  cli: './cli-start', // how fast `rectify` answers from the build vs `node -e 0`
  city: './city-scale', // 100,000 problems on the cluster: worker memory, ledger list, a 3,500-reminder morning (about an hour)
};
/** Run only when named: `city` waits for a whole hour on the clock. */
const ON_REQUEST = new Set(['city']);

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(a in BENCHES));
  if (unknown.length) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (choose from ${Object.keys(BENCHES).join(', ')})\n`);
    process.exit(2);
  }
  let failed = 0;
  for (const name of asked.length ? asked : Object.keys(BENCHES).filter((b) => !ON_REQUEST.has(b))) {
    process.stderr.write(`[bench] === ${name} ===\n`);
    const code = await new Promise<number | null>((resolve) => fork(require.resolve(BENCHES[name]!), [], { stdio: 'inherit', env: { ...process.env, ...(name.endsWith('-cluster') ? { BENCH_PROFILE: 'cluster' } : {}) } }).once('exit', resolve));
    if (code !== 0) failed += 1;
  }
  process.exit(failed ? 1 : 0);
}

void main();
