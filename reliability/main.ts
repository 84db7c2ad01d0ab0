// npm run faults [-- worker-sigkill|temporal-restart|postgres-stop|unpatched-change …]: each fault
// script in its own process, one after another (all of them when none is named), so one's servers
// and Temporal runtime never weigh on the next. Each writes its own section of RELIABILITY.md.
import { fork } from 'node:child_process';

const FAULTS: Record<string, string> = {
  'worker-sigkill': './worker-sigkill', // the worker SIGKILLed 20 times during a 500-problem start and actions
  'temporal-restart': './temporal-restart', // the Temporal server restarted twice mid-run
  'postgres-stop': './postgres-stop', // rectify's PostgreSQL stopped for 30 s mid-run
  'unpatched-change': './unpatched-change', // a workflow change without patched(): replay catches it; live it stalls only the affected
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(a in FAULTS));
  if (unknown.length) {
    process.stderr.write(`未知的故障脚本：${unknown.join(', ')}（可选 ${Object.keys(FAULTS).join(', ')}）\n`);
    process.exit(2);
  }
  let failed = 0;
  for (const name of asked.length ? asked : Object.keys(FAULTS)) {
    process.stderr.write(`[faults] === ${name} ===\n`);
    const code = await new Promise<number | null>((resolve) => fork(require.resolve(FAULTS[name]!), [], { stdio: 'inherit' }).once('exit', resolve));
    if (code !== 0) failed += 1;
  }
  process.exit(failed ? 1 : 0);
}

void main();
