import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { buildProgram } from '../../client/cli';
import { Context } from '../../client/context';
import { newProblemsOf } from '../../domain/campaign';
import { problemWorkflowId } from '../../domain/ids';
import type { ProblemData } from '../../domain/problem-types';
import { verifyCampaign, type Ack } from '../../reliability/check';
import { progressOf } from '../../reliability/inspect';
import { faultLedger, PLAN_STEPS } from '../../reliability/load';
import { misorderUpdates, tryAction, type Misordered } from '../../reliability/update-order';
import { findStuckProblems, replayer, type Replay } from '../../services/repair';
import { stateQuery } from '../../workflows/definitions';
import { eventually } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';

// `rectify repair` on a real dev server and PostgreSQL, on a problem workflow made stuck on purpose
// the way the worker-sigkill runs left them (reliability/update-order.ts): its history fails to
// replay, so a fresh worker cannot work it. Problem 2 runs beside it, healthy, on the harness worker.

let h: Harness;
let m: Misordered;
let replay: Replay;
const ledger = faultLedger(uniqueId('repair'), 2);
const [np1] = newProblemsOf(ledger);
const wf1 = problemWorkflowId(ledger.id, 1);
const decide = PLAN_STEPS[3]!;
const acks: Ack[] = [];

beforeAll(async () => {
  h = await Harness.devServer();
  await h.startProblems(ledger, [2]);
  replay = await replayer({ codePath: process.env.RECTIFY_WORKFLOW_BUNDLE! });
}, 120_000);
afterAll(async () => {
  await m?.close();
  await h?.close();
});

/** `rectify …` in this process, on the harness's server: its output lines, or the error it ends with. */
async function rectify(...argv: string[]): Promise<string> {
  class TestContext extends Context {
    override async temporal(): Promise<Client> {
      return h.client;
    }
  }
  const out: string[] = [];
  try {
    await buildProgram(new TestContext(), (line) => out.push(line)).parseAsync(argv, { from: 'user' });
  } catch (e) {
    out.push(`错误：${e instanceof Error ? e.message : String(e)}`);
  }
  return out.join('\n');
}

const replayError = async (history: Misordered['history']) => (await replay([{ workflowId: wf1, history }])).get(wf1);

test('the reproduction: its history fails to replay at the command after the misordered task', async () => {
  m = await misorderUpdates(
    { client: h.client, address: h.env.address, bundleFile: process.env.RECTIFY_WORKFLOW_BUNDLE!, activities: createActivities(h.db), taskQueue: uniqueId('repro') },
    np1!,
    PLAN_STEPS.slice(0, 3),
  );
  acks.push(...m.acks.map((a) => ({ campaignId: ledger.id, no: 1, ...a })));
  // Acknowledged, each with the next version: nothing was lost on the way to the broken history.
  expect(m.acks).toEqual([{ action: 'claim', version: 1 }, { action: 'planMeasures', version: 2 }, { action: 'submitPlan', version: 3 }]);
  const error = await replayError(m.history);
  expect(error).toContain('[TMPRL1100] Nondeterminism error: Update machine does not handle this event');
  expect(error).toContain(`HistoryEvent(id: ${m.misorderedTask + 1}, ActivityTaskScheduled)`);
}, 120_000);

test('stuck: a fresh worker cannot answer its state, the next action is refused, and only it is found', async () => {
  await m.restartWorker();
  await expect(h.client.workflow.getHandle(wf1).query(stateQuery)).rejects.toThrow(/TMPRL1100/);
  expect(await tryAction(h.client.workflow.getHandle(wf1), decide, 1, 15_000)).not.toMatch(/^已应用/);
  await eventually(async () => expect((await progressOf(h.client, wf1)).blocked.join()).toMatch(/工作流任务第 \d+ 次尝试/), 30_000);

  const found = await findStuckProblems(h.client, { campaignId: ledger.id });
  expect(found.checked).toBe(2);
  expect(found.failingOtherwise).toEqual([]);
  expect(found.stuck).toEqual([expect.objectContaining({ workflowId: wf1, foundBy: 'failing-task', eventId: m.misorderedTask + 1 })]);
  // A dry run says what it would do and does nothing.
  const runId = (await h.client.workflow.getHandle(wf1).describe()).runId;
  const dry = await rectify('repair', '-c', ledger.id, '--dry-run');
  expect(dry.split('\n')).toEqual([
    expect.stringMatching(new RegExp(`^\\[1/1\\] ${wf1}：工作流任务第 \\d+ 次尝试仍失败：\\[TMPRL1100\\] Nondeterminism error`)),
    `  将重置到事件 ${m.misorderedTask}；重新应用的操作：submitPlan（--dry-run，未执行）`,
    '检查了 2 个运行中的问题工作流：卡住 1 个（--dry-run，未重置）',
  ]);
  expect((await h.client.workflow.getHandle(wf1).describe()).runId).toBe(runId);
}, 90_000);

test('repaired: reset to the misordered task, the new run replays, the next action goes through, nothing lost or doubled', async () => {
  const out = await rectify('repair', '-c', ledger.id, '--replay');
  const newRunId = (await h.client.workflow.getHandle(wf1).describe()).runId;
  expect(out.split('\n').slice(1)).toEqual([
    `  已修复：重置到事件 ${m.misorderedTask}，新运行 ${newRunId} 已继续处理；重新应用的操作：submitPlan`,
    '检查了 2 个运行中的问题工作流：卡住 1 个；已修复 1 个，已重置待确认 0 个，失败 0 个',
  ]);
  const handle = h.client.workflow.getHandle(wf1);
  // Replayed here by a replay worker of its own, not answered from any worker's cache.
  const history = await handle.fetchHistory();
  await expect(Worker.runReplayHistory({ workflowBundle: { codePath: process.env.RECTIFY_WORKFLOW_BUNDLE! } }, history, wf1)).resolves.toBeUndefined();

  const before = await handle.query(stateQuery);
  expect(before.history.map((e) => e.action)).toEqual(m.acks.map((a) => a.action));
  const answer = await tryAction(handle, decide, 1, 30_000);
  expect(answer).toBe(`已应用：版本 ${before.version + 1}（in_progress）`);
  acks.push({ campaignId: ledger.id, no: 1, action: decide.action, version: before.version + 1 });

  const v = await verifyCampaign(h.client, h.db, [ledger.id], { acks, settleMs: 30_000 });
  expect(v.details).toEqual([]);
  expect(v).toMatchObject({ problems: 2, lost: 0, duplicated: 0, stuck: 0, mismatched: 0, acksChecked: 4 });
  // Each action once in the ledger's audit trail, in the workflow's order, though the reset ran submitPlan again.
  const state: ProblemData = await handle.query(stateQuery);
  const { rows } = await h.db.query<{ seq: number; action: string }>('select seq, action from audit where workflow_id = $1 order by seq', [wf1]);
  expect(rows).toEqual(state.history.map((e) => ({ seq: e.seq, action: e.action })));
  // Repairing again finds nothing to do.
  expect(await rectify('repair', '-c', ledger.id)).toBe('没有卡住的问题工作流（检查了 2 个运行中的）');
}, 120_000);

test('repair refuses a bad option with the field named', async () => {
  expect(await rectify('repair', '--wait', '0')).toBe('错误：wait: 等待秒数至少为 1');
  expect(await rectify('repair', '--wait', 'soon')).toBe('错误：wait: 等待秒数应为数字');
});
