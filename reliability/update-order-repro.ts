// npx tsx reliability/update-order-repro.ts [--no-repair]: the worker-sigkill finding made on
// purpose, once, on a real Temporal dev server and rectify's own PostgreSQL: one problem workflow
// driven claim → planMeasures → submitPlan with a workflow worker SIGKILLed at the moment that
// matters (reliability/update-order.ts says which). Prints each step, the misordered commands, the
// replay's nondeterminism error, the stuck workflow refusing the next action; then (unless
// --no-repair) runs `rectify repair`'s service on it and checks the new run: it replays, the next
// action goes through, and the after-fault verifier finds nothing lost, duplicated, stuck or
// mismatched. Exit code 0 when it reproduced and (unless --no-repair) the repair held.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createActivities } from '../activities';
import { insertCampaign } from '../db/queries/insert-campaign';
import { newProblemsOf } from '../domain/campaign';
import { quietReplayRuntime, replayer, repairStuckProblems } from '../services/repair';
import { verifyCampaign } from './check';
import { errorText, progressOf } from './inspect';
import { faultLedger, PLAN_STEPS } from './load';
import { artifactsDir, countsLine } from './report';
import { main } from './scenario';
import { describeCommands, misorderUpdates, tryAction } from './update-order';
import { openWorld, say } from './world';

const NAME = 'update-order';

async function run(): Promise<void> {
  // The SDK's core would print every failing workflow task and replay at WARN; the steps below say it.
  quietReplayRuntime();
  const repair = !process.argv.includes('--no-repair');
  const world = await openWorld(NAME);
  let ok = false;
  try {
    const ledger = faultLedger(`update-order-${process.pid}`, 1);
    await insertCampaign(world.db, ledger);
    const np = newProblemsOf(ledger)[0]!;
    say(`[${NAME}] Temporal ${world.temporal.address}；问题工作流 1 个，worker 在子进程中`);
    const m = await misorderUpdates(
      { client: world.client, address: world.temporal.address, bundleFile: world.bundleFile, activities: createActivities(world.db), taskQueue: world.taskQueue, log: say },
      np,
      PLAN_STEPS.slice(0, 3),
    );
    try {
      const dir = artifactsDir(NAME);
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'misordered.json');
      writeFileSync(file, historyToJSON(m.history));
      const replay = await replayer({ codePath: world.bundleFile });
      const error = (await replay([{ workflowId: m.workflowId, history: m.history }])).get(m.workflowId);
      say(`5. 取回历史（${m.history.events?.length} 个事件，存于 ${path.relative(process.cwd(), file)}）并重放：${error ? firstLine(error) : '重放通过——未复现'}`);
      if (!error) return;

      await m.restartWorker();
      say('6. 换一个新的 workflow worker（缓存里没有这个工作流，须重放历史）：');
      const handle = world.client.workflow.getHandle(m.workflowId);
      const query = await handle.query('state').then(() => '答复了', (e: unknown) => `失败：${errorText(e)}`);
      say(`   查询状态 ${query.slice(0, 300)}`);
      const decide = PLAN_STEPS[3]!;
      say(`   ${decide.action}：${(await tryAction(handle, decide, np.problem.no, 20_000)).slice(0, 300)}`);
      const blocked = (await progressOf(world.client, m.workflowId)).blocked;
      say(`   Temporal 的描述：${blocked.join('；') || '（没有异常）'}`);
      ok = !repair;
      if (!repair) return;

      say('7. rectify repair：');
      const report = await repairStuckProblems(world.client, { campaignId: ledger.id, log: say, replay });
      for (const r of report.results) {
        say(`   ${r.problem.workflowId}：${r.problem.error}`);
        say(`   → ${r.outcome}：重置到事件 ${r.resetTo}（这个工作流任务的命令 ${describeCommands(m.history.events ?? [], r.resetTo ?? 0) || '—'} 由新运行重做），重新应用 ${r.reapplied.join('、') || '无'}；${r.detail}`);
      }
      const fixed = report.results.filter((r) => r.outcome === 'repaired').length;
      say(`   发现卡住 ${report.stuck.length} 个，修复 ${fixed} 个`);
      const after = await handle.fetchHistory();
      const again = (await replay([{ workflowId: m.workflowId, history: after }])).get(m.workflowId);
      say(`8. 新运行的历史（${after.events?.length} 个事件）重放：${again ? firstLine(again) : '通过'}`);
      const decided = await tryAction(handle, decide, np.problem.no, 20_000);
      say(`   ${decide.action}：${decided}`);
      const version = Number(/版本 (\d+)/.exec(decided)?.[1] ?? NaN);
      const acks = [...m.acks, { action: decide.action, version }].map((a) => ({ campaignId: ledger.id, no: np.problem.no, ...a }));
      const v = await verifyCampaign(world.client, world.db, [ledger.id], { acks, settleMs: 30_000, log: say });
      for (const d of v.details) say(`   ${d.kind} ${d.workflowId}: ${d.detail}`);
      say(`9. 核对：${countsLine(v)}`);
      ok = fixed === 1 && !again && Number.isFinite(version) && v.lost + v.duplicated + v.stuck + v.mismatched === 0;
    } finally {
      await m.close();
    }
  } finally {
    await world.close();
    process.stdout.write(`${NAME}: ${ok ? 'PASS' : 'FAIL'}${repair ? ' (reproduced and repaired)' : ' (reproduced)'}\n`);
    process.exitCode = ok ? 0 : 1;
  }
}

const firstLine = (s: string) => /message: "([^"]+)"/.exec(s)?.[1] ?? s.split('\n')[0]!;

main(run, NAME);
