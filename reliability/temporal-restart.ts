// Fault 2: the Temporal server stopped and started again mid-run, twice: once while the campaign's
// workflows are being started, once amid the actions. The dev profile keeps its state in SQLite,
// the cluster profile in PostgreSQL, so the same workflows, timers and accepted updates are there
// after the restart.
import { env } from '../services/env';
import { secs } from './report';
import { main, runScenario } from './scenario';
import { say } from './world';

const NAME = 'temporal-restart';
const PROBLEMS = Number(process.env.FAULT_PROBLEMS ?? 500);
/** Shares of the load (problems started + actions done) at which the server is restarted. */
const AT = [0.08, 0.5];

async function run(): Promise<void> {
  await runScenario(
    {
      name: NAME,
      problems: PROBLEMS,
      async fault(ctx) {
        const lines: string[] = [];
        for (const share of AT) {
          if (!(await ctx.reach(share))) {
            ctx.fail(`the restart at ${share * 100}% did not happen: the load had ended`);
            continue;
          }
          const before = ctx.load.progress();
          const t = Date.now();
          await ctx.world.temporal.restart();
          const downMs = Date.now() - t;
          const back = ctx.load.progress();
          // Progress again: the first unit of work done after the server answered.
          while (!ctx.loadDone() && ctx.load.progress() === back) await new Promise((r) => setTimeout(r, 50));
          const resumedMs = Date.now() - t - downMs;
          say(`[${NAME}] Temporal 重启：进度 ${before}/${ctx.load.total}，停机 ${downMs} ms，恢复后 ${resumedMs} ms 内负载继续`);
          lines.push(`- Temporal restarted at progress ${before}/${ctx.load.total}: server down ${secs(downMs)} (stop + start on the same ${env().RECTIFY_TEMPORAL_PROFILE === 'dev' ? 'SQLite file' : 'PostgreSQL databases'}), load progressing again ${secs(resumedMs)} after it answered`);
        }
        return lines;
      },
    },
    `faults-temporal-restart-${process.pid}`,
  );
}

main(run, NAME);
