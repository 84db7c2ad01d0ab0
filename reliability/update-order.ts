// A problem workflow whose own history no longer replays, made on purpose on a real Temporal
// server: the update-ordering nondeterminism the worker-sigkill runs leave behind (RELIABILITY.md;
// the SDK side in reliability/upstream-update-order.md). No load and nothing random:
//   1. the first action is accepted and its ledger write (an activity, run here behind a gate) held;
//   2. a second action is accepted while that write is under way;
//   3. a fresh workflow worker is started beside the first, the first is SIGKILLed, and the state is
//      queried at once: with no workflow task pending the server sends the query to the dead
//      worker's sticky queue, and after its timeout to the normal queue, where the fresh worker
//      answers it, from a history that by then ends with the write's completion (released meanwhile);
//   4. the third action is sent; the workflow task the completion scheduled on the dead sticky
//      queue times out, and the fresh worker, which holds the run from the query, works the new task:
//      the completion's follow-up in one activation, the third action in the next. Its commands put
//      the third action's acceptance after the follow-up's; a replay delivers both in one
//      activation and accepts first, so the history fails to replay (TMPRL1100).
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateStage } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { problemWorkflowId } from '../domain/ids';
import type { NewProblem } from '../domain/problem';
import type { ActionInput, ActionName } from '../domain/problem-types';
import { startProblem } from '../services/campaigns';
import { readProblemState } from '../services/problem-state';
import { COMMAND_EVENTS, misorderedTasks } from '../services/repair';
import type { RectifyActivities } from '../workflows/activity-types';
import { stateQuery, updates, type ActionResult } from '../workflows/definitions';
import { errorText } from './inspect';
import type { Step } from './load';
import { WorkerProcess } from './world';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/** The workflow worker's sticky queue timeout: how long the query waits on the dead worker's queue. */
const STICKY_TIMEOUT_MS = 4_000;
/** The write is released this long after the query is sent: well inside the sticky wait, well before its end. */
const RELEASE_AFTER_MS = 1_500;

export interface MisorderSetup {
  client: Client;
  /** Temporal's address, for the worker processes. */
  address: string;
  /** The workflow bundle every workflow worker process loads. */
  bundleFile: string;
  /** The real activities (the ledger writes): run in this process, behind a gate. */
  activities: RectifyActivities;
  /** A task queue no other worker polls. */
  taskQueue: string;
  /**
   * How step 3 reads the state: a bare query, or the desk's and CLI's read (services/problem-state.ts),
   * which gives up before the sticky timeout and so never lets the fresh worker take the run early.
   */
  stateRead?: 'bare-query' | 'desk';
  log?: (line: string) => void;
}

export interface Misordered {
  workflowId: string;
  /** The three actions, acknowledged: each with the version it produced. */
  acks: { action: ActionName; version: number }[];
  /** The WorkflowTaskCompleted event whose commands accept the third action after other commands. */
  misorderedTask: number;
  history: temporal.api.history.v1.IHistory;
  /** The workflow worker process now polling the queue. */
  worker(): WorkerProcess;
  /** A fresh workflow worker process in place of the current one: from then on the run is replayed. */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The sequence ran but the history came out in replayable order: what the desk's read is for. */
export class NotReproduced extends Error {
  constructor(
    message: string,
    readonly workflowId: string,
    readonly history: temporal.api.history.v1.IHistory,
  ) {
    super(message);
    this.name = 'NotReproduced';
  }
}

/** Each activity waits at the gate while it is closed; `arrivals` counts the attempts that reached it. */
function gated(activities: RectifyActivities) {
  let open = true;
  let arrived = 0;
  const waiting: (() => void)[] = [];
  const watchers: (() => void)[] = [];
  const pass = async () => {
    arrived += 1;
    for (const w of watchers.splice(0)) w();
    if (!open) await new Promise<void>((r) => waiting.push(r));
  };
  const wrapped = Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, async (...args: unknown[]) => (await pass(), (fn as (...a: unknown[]) => unknown)(...args))]),
  ) as unknown as RectifyActivities;
  return {
    activities: wrapped,
    get arrived() {
      return arrived;
    },
    close: () => void (open = false),
    open: () => {
      open = true;
      for (const w of waiting.splice(0)) w();
    },
    async arrivals(n: number): Promise<void> {
      while (arrived < n) await new Promise<void>((r) => watchers.push(r));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function misorderUpdates(s: MisorderSetup, np: NewProblem, steps: Step[]): Promise<Misordered> {
  const log = s.log ?? (() => undefined);
  const [first, second, third] = steps;
  if (!first || !second || !third) throw new Error('misorderUpdates needs three actions');
  const gate = gated(s.activities);
  const connection = await NativeConnection.connect({ address: s.address });
  const activityWorker = await Worker.create({ connection, taskQueue: s.taskQueue, activities: gate.activities });
  const activityRun = activityWorker.run();
  const startWorkflowWorker = () =>
    WorkerProcess.start({ FAULT_ROLE: 'workflows', FAULT_TEMPORAL: s.address, FAULT_TASK_QUEUE: s.taskQueue, FAULT_BUNDLE: s.bundleFile, FAULT_STICKY_TIMEOUT_MS: String(STICKY_TIMEOUT_MS) });
  let current = await startWorkflowWorker();
  const close = async () => {
    await current.kill();
    activityWorker.shutdown();
    await activityRun;
    await connection.close();
  };
  try {
    const workflowId = problemWorkflowId(np.campaignId, np.problem.no);
    await startProblem(s.client, s.taskQueue, np);
    const handle = s.client.workflow.getHandle(workflowId);
    const history = async () => (await handle.fetchHistory()).events ?? [];
    const count = (events: HistoryEvent[], type: number) => events.filter((e) => e.eventType === type).length;
    const waitFor = async (what: string, pred: () => Promise<boolean>, ms = 60_000) => {
      for (const end = Date.now() + ms; !(await pred()); await sleep(100)) if (Date.now() > end) throw new Error(`等待超时：${what}`);
    };
    const idle = async () => {
      const d = await handle.describe();
      return !d.raw.pendingWorkflowTask && !(d.raw.pendingActivities ?? []).length;
    };
    const COMPLETED = EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
    const TIMED_OUT = EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT;
    await waitFor('第一次写台账完成', async () => count(await history(), COMPLETED) >= 1 && (await idle()));
    const send = (step: Step, n: number) =>
      handle.startUpdate(updates[step.action] as unknown as typeof updates.claim, {
        args: [step.input(np.problem.no) as ActionInput<'claim'>],
        updateId: `${workflowId}#repro-${n}`,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });

    gate.close();
    const held = gate.arrived + 1;
    const u1 = await send(first, 1);
    await gate.arrivals(held);
    log(`1. ${first.action} 已接受；它的台账写入（活动）已开始，被挡住`);
    const u2 = await send(second, 2);
    log(`2. 写入进行中，${second.action} 已接受`);
    const fresh = await startWorkflowWorker();
    await current.kill('SIGKILL');
    current = fresh;
    const t0 = Date.now();
    const read = s.stateRead === 'desk' ? readProblemState(s.client, workflowId) : handle.query(stateQuery);
    const query = read.then(
      (st) => ({ version: st.version as number | undefined, ms: Date.now() - t0 }),
      (e: unknown) => ({ version: undefined, ms: Date.now() - t0, error: errorText(e) }),
    );
    log(`3. 新的 workflow worker 已启动，旧的已 SIGKILL；立即查询状态（无待办工作流任务：查询先发往旧 worker 的粘性队列）`);
    await sleep(RELEASE_AFTER_MS);
    const completedBefore = count(await history(), COMPLETED);
    gate.open();
    await waitFor('被挡住的写入完成', async () => count(await history(), COMPLETED) > completedBefore);
    log(`   写入放行，${Date.now() - t0} ms 时完成：一个工作流任务排在已死 worker 的粘性队列上`);
    const u3 = send(third, 3);
    u3.catch(() => undefined);
    const q = await query;
    log(q.version === undefined ? `   查询在 ${q.ms} ms 后放弃（${'error' in q ? q.error : ''}）；${third.action} 已发出` : `   查询在 ${q.ms} ms 后由新 worker 答复（版本 ${q.version}，已含放行的写入）；${third.action} 已发出`);
    await waitFor('粘性队列上的工作流任务超时', async () => count(await history(), TIMED_OUT) >= 1);
    log(`4. 粘性队列上的工作流任务在 ${Date.now() - t0} ms 时超时（SCHEDULE_TO_START），新 worker 从普通队列接手`);
    const results: ActionResult[] = await Promise.all([u1.result(), u2.result(), (await u3).result()]);
    await waitFor('工作流空闲', idle);
    const events = await history();
    const timedOut = events.find((e) => e.eventType === TIMED_OUT);
    const misorderedTask = misorderedTasks(events).find((id) => id > Number(timedOut?.eventId ?? 0));
    if (misorderedTask === undefined) {
      throw new NotReproduced(`没有复现：超时后的工作流任务未把 ${third.action} 的接受排在其他命令之后（查询 ${q.ms} ms 后${q.version === undefined ? '放弃' : '答复'}）`, workflowId, { events });
    }
    log(`   事件 ${misorderedTask}（WorkflowTaskCompleted）之后的命令：${describeCommands(events, misorderedTask)}`);
    return {
      workflowId,
      acks: [first, second, third].map((st, i) => ({ action: st.action, version: results[i]!.version })),
      misorderedTask,
      history: { events },
      worker: () => current,
      async restartWorker() {
        await current.kill('SIGKILL');
        current = await startWorkflowWorker();
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED" → "ActivityTaskScheduled". */
export const eventName = (e: HistoryEvent) =>
  (EventType[e.eventType ?? 0] ?? String(e.eventType)).replace('EVENT_TYPE_', '').toLowerCase().replace(/(^|_)(\w)/g, (_m, _u, c: string) => c.toUpperCase());

/** The command events a workflow task's completion wrote: "40 ActivityTaskScheduled, 41 WorkflowExecutionUpdateCompleted, 42 WorkflowExecutionUpdateAccepted(decidePlan)". */
export function describeCommands(events: HistoryEvent[], taskCompleted: number): string {
  const out: string[] = [];
  for (const e of events.filter((x) => Number(x.eventId) > taskCompleted)) {
    if (!COMMAND_EVENTS.has(e.eventType ?? 0)) break;
    const update = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
    out.push(`${e.eventId} ${eventName(e)}${update ? `(${update})` : ''}`);
  }
  return out.join(', ');
}


/** Sends one action and says what became of it within `ms`: "已应用：版本 N（status）", "失败：…" or "超时". */
export async function tryAction(handle: WorkflowHandle, step: Step, no: number, ms: number): Promise<string> {
  const sent = handle.executeUpdate(updates[step.action] as unknown as typeof updates.claim, { args: [step.input(no) as ActionInput<'claim'>] });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((r) => (timer = setTimeout(() => r(`${ms / 1000} 秒内没有答复`), ms)));
  const answer = sent.then(
    (r) => `已应用：版本 ${r.version}（${r.status}）`,
    (e: unknown) => `失败：${errorText(e)}`,
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
