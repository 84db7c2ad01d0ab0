// Fault 4: a workflow change shipped without patched(). (a) The replay check over the committed
// histories catches it before it lands; (b) deployed anyway on a live worker, it stalls only the
// workflows whose history took the changed path, loses nothing, and they resume once the fixed
// (previous) code runs again.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listProjectedProblems } from '../db/queries/fault-projection';
import { forEachLimit } from '../services/campaigns';
import { sendAction, textEvidence } from '../services/actions';
import { problemWorkflowId } from '../domain/ids';
import { stateQuery } from '../workflows/definitions';
import { verifyCampaign, type Ack } from './check';
import { faultLedger, startLoad } from './load';
import { finish, keepEvidence, secs } from './report';
import { main } from './scenario';
import { bundleModified, replayCommitted, writeModifiedWorkflows } from './unpatched-bundle';
import { errorText } from './inspect';
import { openWorld, say } from './world';

const NAME = 'unpatched-change';
const PROBLEMS = Number(process.env.FAULT_PROBLEMS ?? 60);
const AFFECTED = 20; // problems 1..20 get a closure request before the bad deploy
const WINDOW_MS = Number(process.env.FAULT_WINDOW_MS ?? 30_000);
const dept = (no: number) => (no - 1) % 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(): Promise<void> {
  // The replays below would otherwise log every replay worker's state changes.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const world = await openWorld(NAME);
  const lines: string[] = [];
  try {
    // (a) Caught before it lands: the committed histories replayed on the changed code.
    const t = Date.now();
    const badCode = await bundleModified(writeModifiedWorkflows());
    const bad = await replayCommitted(badCode);
    const good = await replayCommitted(readFileSync(world.bundleFile, 'utf8'));
    const caught = bad.filter((o) => o.errorName === 'DeterminismViolationError').map((o) => o.file);
    const onPath = bad.filter((o) => o.hitsPath).map((o) => o.file);
    const replayOk = good.every((o) => !o.error) && caught.length > 0 && caught.join() === onPath.join() && bad.every((o) => !o.error || caught.includes(o.file));
    say(`[${NAME}] 回放：${bad.length} 份历史，DeterminismViolationError ${caught.join(', ')}；走到改动路径的 ${onPath.join(', ')}`);
    lines.push(
      `- the change: one extra activity call (an empty \`notify\`) in the update handler when the action is \`requestClosure\`, no \`patched()\`; made on a copy of workflows/ + domain/ and bundled like the real code`,
      `- (a) replay of the ${bad.length} committed histories (tests/replay/histories) on the changed bundle: **${caught.length} fail with DeterminismViolationError** (${caught.join(', ')}), exactly those that handled a requestClosure update; the other ${bad.length - caught.length} replay cleanly; the real bundle replays all ${good.length} (${secs(Date.now() - t)} for bundling and both replays) — ${replayOk ? 'caught before it lands' : 'NOT as expected'}`,
    );
    const badFile = path.join(path.dirname(world.bundleFile), 'unpatched.js');
    writeFileSync(badFile, badCode);

    // (b) Shipped anyway. First the real code: all problems planned, 1..20 asking for closure.
    let worker = await world.startWorker();
    const ledger = faultLedger(`faults-unpatched-${process.pid}`, PROBLEMS);
    const load = await startLoad(world.client, world.db, ledger, { taskQueue: world.taskQueue, log: say }).done;
    const acks: Ack[] = [...load.acks];
    const affected = Array.from({ length: AFFECTED }, (_, i) => i + 1);
    const others = Array.from({ length: PROBLEMS - AFFECTED }, (_, i) => AFFECTED + i + 1);
    const act = async (no: number, action: Parameters<typeof sendAction>[3], input: Parameters<typeof sendAction>[4]) => {
      const a = await sendAction(world.client, ledger.id, no, action, input);
      acks.push({ campaignId: ledger.id, no, action, version: a.version });
    };
    await forEachLimit(affected, 10, async (no) => {
      for (const m of ['M1', 'M2']) await act(no, 'completeMeasure', { actor: `owner${dept(no)}`, measureId: m, evidence: [textEvidence(`措施${m}已完成`)] });
      await act(no, 'requestClosure', { actor: `owner${dept(no)}` });
    });
    const snapshot = async () => (await listProjectedProblems(world.db, [ledger.id])).map((p) => `${p.no}:${p.version}:${p.status}`);
    const before = await snapshot();

    // The bad deploy: the worker replaced by one running the changed bundle.
    await worker.kill('SIGTERM');
    worker = await world.startWorker(badFile, { FAULT_LOG_LEVEL: 'WARN' });
    const deployedAt = Date.now();
    say(`[${NAME}] 已部署未打补丁的代码；向受影响的 ${AFFECTED} 个问题发送 reviewClosure，向其余 ${others.length} 个发送 completeMeasure`);
    // Actions during the stall: each sender waits at most the window for an answer.
    const review = (no: number) => sendAction(world.client, ledger.id, no, 'reviewClosure', { actor: `leader${dept(no)}`, approve: true });
    const stallAnswers: Record<string, number> = {};
    let slowestAnswerMs = 0;
    const reviewing = forEachLimit(affected, 10, async (no) => {
      const t = Date.now();
      const outcome = await Promise.race([review(no).then((a) => (acks.push({ campaignId: ledger.id, no, action: 'reviewClosure', version: a.version }), 'answered')), sleep(WINDOW_MS).then(() => 'no answer')])
        .catch((e: unknown) => `refused \`${errorText(e)}\``);
      slowestAnswerMs = Math.max(slowestAnswerMs, Date.now() - t);
      stallAnswers[outcome] = (stallAnswers[outcome] ?? 0) + 1;
    });
    let othersDone = 0;
    await forEachLimit(others, 10, async (no) => {
      await act(no, 'completeMeasure', { actor: `owner${dept(no)}`, measureId: 'M1', evidence: [textEvidence('措施M1已完成')] });
      othersDone += 1;
    });
    const othersMs = Date.now() - deployedAt;
    await reviewing;
    await sleep(Math.max(0, WINDOW_MS - (Date.now() - deployedAt)));
    const describeAll = () => Promise.all(affected.map(async (no) => (await world.client.workflow.getHandle(problemWorkflowId(ledger.id, no)).describe()).raw.pendingWorkflowTask?.attempt ?? 0));
    const attempts = await describeAll();
    const after = await snapshot();
    const unchanged = affected.filter((no) => after[no - 1] === before[no - 1]).length;
    const movedOthers = others.filter((no) => after[no - 1] !== before[no - 1]).length;
    const nde = (worker.output.match(/TMPRL1100/g) ?? []).length;
    const stalled = attempts.filter((a) => a > 1).length;
    const answers = Object.entries(stallAnswers).map(([k, n]) => `${n}× ${k}`).join('; ');
    say(`[${NAME}] ${secs(WINDOW_MS)} 后：受影响 ${stalled}/${AFFECTED} 个工作流任务反复失败（第 ${Math.min(...attempts)}–${Math.max(...attempts)} 次尝试）；reviewClosure：${answers}；其余 ${othersDone}/${others.length} 个完成操作`);
    lines.push(
      `- (b) live: ${PROBLEMS} problems planned on the real code, problems 1–${AFFECTED} driven to a closure request; then the worker replaced by one running the changed bundle, and for ${secs(WINDOW_MS)}: a reviewClosure sent to each affected problem, a completeMeasure to each of the other ${others.length}`,
      `- under the changed code: **${stalled} of ${AFFECTED} affected workflows stalled**: their workflow task fails with the nondeterminism error and is retried (attempt ${Math.min(...attempts)}–${Math.max(...attempts)} after ${secs(WINDOW_MS)}; ${nde} TMPRL1100 lines in the worker's log); the reviewClosure calls got: ${answers} (the slowest answer after ${secs(slowestAnswerMs)}) — the server refuses an update while the workflow task is failing, so nothing is applied or queued, and the sender is told`,
      `- ${unchanged} of ${AFFECTED} affected ledger rows unchanged (nothing half-written); **${othersDone} of ${others.length} unaffected problems** did their action meanwhile (all answered in ${secs(othersMs)}), ${movedOthers} of their ledger rows moved on`,
    );

    // The fix: the previous code again. The failed workflow tasks are retried on it by themselves.
    await worker.kill('SIGTERM');
    worker = await world.startWorker();
    const fixedAt = Date.now();
    let resumedMs = -1;
    while (Date.now() - fixedAt < 180_000) {
      if ((await describeAll()).every((a) => a <= 1)) {
        resumedMs = Date.now() - fixedAt;
        break;
      }
      await sleep(250);
    }
    // The refused actions sent again, as their senders would once the desk works for them again.
    let resent = 0;
    await forEachLimit(affected.filter((no) => !acks.some((a) => a.no === no && a.action === 'reviewClosure')), 10, async (no) => {
      const a = await review(no);
      acks.push({ campaignId: ledger.id, no, action: 'reviewClosure', version: a.version });
      resent += 1;
    });
    const once = (await Promise.all(affected.map(async (no) => (await world.client.workflow.getHandle(problemWorkflowId(ledger.id, no)).query(stateQuery)).history.filter((h) => h.action === 'reviewClosure').length))).filter((n) => n === 1).length;
    say(`[${NAME}] 修复后 ${resumedMs < 0 ? '3 分钟内未' : `${secs(resumedMs)} 内全部`}恢复；重发 ${resent} 个 reviewClosure；${once}/${AFFECTED} 个恰好一次`);
    const v = await verifyCampaign(world.client, world.db, [ledger.id], { acks, settleMs: 60_000, log: say });
    lines.push(
      `- after the fixed worker started: ${resumedMs < 0 ? '**not all affected workflows resumed within 3 minutes**' : `**all ${AFFECTED} affected workflows resumed** (no failing workflow task) ${secs(resumedMs)} after it was ready`}; the ${resent} refused reviewClosure actions, sent again, were all applied and answered; ${once} of ${AFFECTED} affected histories hold exactly one reviewClosure`,
    );
    const failures = [
      ...(replayOk ? [] : ['the replay check did not catch exactly the histories on the changed path']),
      ...(stalled === AFFECTED && unchanged === AFFECTED ? [] : [`${stalled} stalled and ${unchanged} unchanged of ${AFFECTED} affected`]),
      ...(othersDone === others.length ? [] : [`${others.length - othersDone} unaffected problems did not progress`]),
      ...(resumedMs >= 0 && once === AFFECTED ? [] : ['the affected workflows did not all resume and apply their action once']),
    ];
    lines.push(...(await keepEvidence(world.client, NAME, v)));
    finish(NAME, v, lines, failures);
  } finally {
    await world.close();
  }
}

main(run, NAME);
