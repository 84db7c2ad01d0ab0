// Fault 1: the worker SIGKILLed 20 times at random moments while a 500-problem campaign starts and
// problems are driven claim → plan → submit → approve. The moments come from a seeded RNG
// (FAULT_SEED repeats them): each kill falls a random 1–6 s after the load is seen moving again
// since the previous restart, so every kill cuts into starts, activities and updates in flight.
// Kills leave some problem workflows whose history no longer replays (RELIABILITY.md); from the last
// kill to the end of the load `rectify repair`'s service runs every 20 s, as an operator (or a
// watchdog) would, and once more after the load with every running history replayed.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Client } from '@temporalio/client';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repairStuckProblems, replayer, type Replay, type RepairResult, type StuckProblem } from '../services/repair';
import { artifactsDir, seededRandom, seedFromEnv, secs } from './report';
import { main, runScenario } from './scenario';
import { say } from './world';

const NAME = 'worker-sigkill';
// 800, not 500: on a quiet machine the load of 500 ends (115 s) before the 20th kill.
const PROBLEMS = Number(process.env.FAULT_PROBLEMS ?? 800);
const KILLS = Number(process.env.FAULT_KILLS ?? 20);
const MIN_UP_MS = 1_000;
const MAX_UP_MS = 6_000;
const REPAIR_EVERY_MS = 20_000;

/** What the repair passes found and did over the run. */
class RepairTally {
  passes = 0;
  readonly found = new Map<string, StuckProblem>();
  readonly results: RepairResult[] = [];

  /** One pass over every running problem; the stuck ones' histories are kept before they are reset. */
  async pass(client: Client, replay?: Replay): Promise<void> {
    this.passes += 1;
    const r = await repairStuckProblems(client, { replay, log: say });
    const dir = path.join(artifactsDir(NAME), 'before-repair');
    for (const p of r.stuck) {
      this.found.set(`${p.workflowId}#${p.runId}`, p);
      mkdirSync(dir, { recursive: true });
      const history = await client.workflow.getHandle(p.workflowId, p.runId).fetchHistory();
      writeFileSync(path.join(dir, `${p.workflowId.replace(/[^\w.-]+/g, '_')}-${p.runId.slice(0, 8)}.json`), historyToJSON(history));
    }
    for (const x of r.results) say(`[${NAME}] 修复 ${x.problem.workflowId}：${x.outcome}，重置到事件 ${x.resetTo ?? '—'}；${x.detail}`);
    this.results.push(...r.results);
    say(`[${NAME}] 第 ${this.passes} 轮修复：检查 ${r.checked} 个，卡住 ${r.stuck.length} 个${r.failingOtherwise.length ? `，另有 ${r.failingOtherwise.length} 个因其他原因失败` : ''}`);
  }

  lines(): string[] {
    const found = [...this.found.values()];
    const by = (f: StuckProblem['foundBy']) => found.filter((p) => p.foundBy === f).length;
    const n = (o: RepairResult['outcome']) => this.results.filter((r) => r.outcome === o).length;
    // The same error at other event ids counts as one kind.
    const kinds = new Map<string, number>();
    for (const k of found.map((p) => p.error.replace(/\d+/g, 'N').slice(0, 160))) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    const reapplied = this.results.reduce((a, r) => a + r.reapplied.length, 0);
    return [
      `- repair: \`rectify repair\`'s service (services/repair.ts) every ${REPAIR_EVERY_MS / 1000} s from the last kill to the end of the load, then once more with every running history replayed (${this.passes} passes); **stuck before repair: ${found.length}** problem workflow(s) (${by('failing-task')} with a workflow task failing on a nondeterminism error, ${by('replay')} found by the replay alone, before anything asked them to move)`,
      ...(found.length
        ? [
            `- repaired ${n('repaired')}, reset but not seen progressing within 30 s ${n('reset')}, failed ${n('failed')}; each reset to the WorkflowTaskCompleted just before the event its error names (${this.results.filter((r) => r.abandoned.length).length} needed an earlier point), ${reapplied} accepted action(s) reapplied by the resets; errors: ${[...kinds].map(([k, c]) => `${c}× \`${k}\``).join('; ')}; the stuck runs' histories kept in \`test-artifacts/faults/${NAME}/before-repair/\``,
          ]
        : []),
    ];
  }
}

async function run(): Promise<void> {
  const seed = seedFromEnv();
  const random = seededRandom(seed);
  say(`[${NAME}] seed ${seed}（FAULT_SEED=${seed} 可重复本次的时刻）；${PROBLEMS} 个问题，${KILLS} 次 SIGKILL`);
  const upFor = Array.from({ length: KILLS }, () => MIN_UP_MS + Math.floor(random() * (MAX_UP_MS - MIN_UP_MS)));
  const tally = new RepairTally();
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
        // The senders go on retrying the actions refused by stuck workflows: repaired, those go through.
        while (!ctx.loadDone()) {
          await tally.pass(ctx.world.client);
          const until = Date.now() + REPAIR_EVERY_MS;
          while (!ctx.loadDone() && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
        }
        const sorted = [...restartMs].sort((a, b) => a - b);
        return [
          `- seed ${seed} (\`FAULT_SEED=${seed} npm run faults -- ${NAME}\` draws the same moments)`,
          `- SIGKILLs: **${kills.length} of ${KILLS}** landed while the load ran, each a random ${MIN_UP_MS / 1000}–${MAX_UP_MS / 1000} s after the load was seen moving again since the previous restart, at progress ${kills.map((k) => k.progress).join(', ')} of ${ctx.load.total} units`,
          `- worker restart to ready (a fresh process): median ${secs(sorted[Math.floor(sorted.length / 2)] ?? 0)}, max ${secs(sorted.at(-1) ?? 0)}`,
        ];
      },
      async afterLoad(ctx) {
        await tally.pass(ctx.world.client, await replayer({ codePath: ctx.world.bundleFile }));
        return tally.lines();
      },
    },
    `faults-sigkill-${seed}`,
  );
}

main(run, NAME);
