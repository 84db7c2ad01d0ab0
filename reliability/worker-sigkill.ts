// Fault 1: the worker SIGKILLed 20 times at random moments while a 500-problem campaign starts and
// problems are driven claim → plan → submit → approve. The moments come from a seeded RNG
// (FAULT_SEED repeats them): each kill falls a random 1–6 s after the load is seen moving again
// since the previous restart, so every kill cuts into starts, activities and updates in flight.
import { seededRandom, seedFromEnv, secs } from './report';
import { main, runScenario } from './scenario';
import { say } from './world';

const NAME = 'worker-sigkill';
const PROBLEMS = Number(process.env.FAULT_PROBLEMS ?? 500);
const KILLS = Number(process.env.FAULT_KILLS ?? 20);
const MIN_UP_MS = 1_000;
const MAX_UP_MS = 6_000;

async function run(): Promise<void> {
  const seed = seedFromEnv();
  const random = seededRandom(seed);
  say(`[${NAME}] seed ${seed}（FAULT_SEED=${seed} 可重复本次的时刻）；${PROBLEMS} 个问题，${KILLS} 次 SIGKILL`);
  const upFor = Array.from({ length: KILLS }, () => MIN_UP_MS + Math.floor(random() * (MAX_UP_MS - MIN_UP_MS)));
  await runScenario(
    {
      name: NAME,
      problems: PROBLEMS,
      async fault(ctx) {
        const kills: { progress: number; upMs: number }[] = [];
        const restartMs: number[] = [];
        for (const ms of upFor) {
          // A kill after the load is moving again, so each one cuts into work in flight, not into the
          // previous kill's recovery: a random ${MIN_UP_MS}–${MAX_UP_MS} ms after the first progress.
          const mark = ctx.load.progress();
          while (!ctx.loadDone() && ctx.load.progress() === mark) await new Promise((r) => setTimeout(r, 20));
          const until = Date.now() + ms;
          while (!ctx.loadDone() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
          if (ctx.loadDone()) break;
          kills.push({ progress: ctx.load.progress(), upMs: ms });
          await ctx.worker.kill('SIGKILL');
          const t = Date.now();
          ctx.worker = await ctx.world.startWorker();
          restartMs.push(Date.now() - t);
          say(`[${NAME}] 第 ${kills.length} 次 SIGKILL：进度 ${kills.at(-1)!.progress}/${ctx.load.total}；新 worker ${restartMs.at(-1)} ms 后就绪`);
        }
        if (kills.length < KILLS) ctx.fail(`only ${kills.length} of ${KILLS} kills landed before the load ended`);
        const sorted = [...restartMs].sort((a, b) => a - b);
        return [
          `- seed ${seed} (\`FAULT_SEED=${seed} npm run faults -- ${NAME}\` draws the same moments)`,
          `- SIGKILLs: **${kills.length} of ${KILLS}** landed while the load ran, each a random ${MIN_UP_MS / 1000}–${MAX_UP_MS / 1000} s after the load was seen moving again since the previous restart, at progress ${kills.map((k) => k.progress).join(', ')} of ${ctx.load.total} units`,
          `- worker restart to ready (a fresh process): median ${secs(sorted[Math.floor(sorted.length / 2)] ?? 0)}, max ${secs(sorted.at(-1) ?? 0)}`,
        ];
      },
    },
    `faults-sigkill-${seed}`,
  );
}

main(run, NAME);
