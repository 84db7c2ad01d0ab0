// Repairs problem workflows whose own history no longer replays (RELIABILITY.md, worker-sigkill;
// the cause, an SDK bug, in reliability/upstream-update-order.md): their workflow task fails on
// every attempt with a nondeterminism error, and every action sent to them is refused. Each one is
// reset to the end of the last workflow task before the event the error names. Temporal starts a
// new run from that point and reapplies the updates (people's actions) accepted after it, in their
// order: the same actions on the same state give the same versions, and the ledger writes they
// repeat change nothing (the projection is written only by a newer version, audit rows are keyed by
// workflow and entry number, notices by their dedupe keys).
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SearchAttributes } from '../workflows/definitions';
import { forEachLimit } from './campaigns';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type History = temporal.api.history.v1.IHistory;
type Int64 = NonNullable<temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest['workflowTaskFinishEventId']>;
/** protobufjs takes a plain number for an int64 field; its types name only its Long class. */
const int64 = (n: number) => n as unknown as Int64;
const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

export interface StuckProblem {
  workflowId: string;
  runId: string;
  /** A workflow task failing on every attempt, or (the deep check) a history that fails to replay. */
  foundBy: 'failing-task' | 'replay';
  /** The pending workflow task's attempt; 1 when only the replay found it. */
  attempt: number;
  /** The nondeterminism error, first line. */
  error: string;
  /** The event the error names (the first the replay could not match), when it names one. */
  eventId?: number;
}

/** A workflow task failing for another reason than nondeterminism: a reset would not cure it. */
export interface FailingProblem {
  workflowId: string;
  attempt: number;
  error: string;
}

/** Replays histories on the current workflow code (see replayer()); an error message per failure. */
export type Replay = (histories: { workflowId: string; history: History }[]) => Promise<Map<string, string>>;

export interface FindOptions {
  campaignId?: string;
  /** Also replay every running problem's history: finds those that will fail at their next step. */
  replay?: Replay;
  concurrency?: number;
  /** Called after each workflow looked at, with how many of how many. */
  onProgress?: (done: number, total: number) => void;
}

export interface Found {
  /** Running problem workflows looked at. */
  checked: number;
  stuck: StuckProblem[];
  failingOtherwise: FailingProblem[];
}

export interface RepairOptions {
  dryRun?: boolean;
  /** How long to wait for the new run's first workflow task to complete (default 30 s). */
  waitMs?: number;
  /** Earlier reset points to try when the new run fails again (default 2). */
  fallbacks?: number;
  /** Also replays the new run's history before calling it repaired. */
  replay?: Replay;
  log?: (line: string) => void;
}

export interface RepairResult {
  problem: StuckProblem;
  /** repaired: the new run made progress (and replays, with the deep check); reset: done, not seen progressing yet. */
  outcome: 'repaired' | 'reset' | 'would-reset' | 'failed';
  /** The WorkflowTaskCompleted event of the stuck run it was (or would be) reset to. */
  resetTo?: number;
  newRunId?: string;
  /** The actions (update names) the new run received again, in order. */
  reapplied: string[];
  /** Reset points tried before the last one, and why each was given up. */
  abandoned: { resetTo: number; why: string }[];
  detail: string;
}

const NONDETERMINISM = /nondetermin|TMPRL1100|update ?machine/i;
const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 500);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const num = (v: unknown) => Number(v ?? 0);

/** The event id a core nondeterminism message names: "HistoryEvent(id: 40, …)" or "event_id: 17". */
export function eventIdInError(message: string): number | undefined {
  const m = /HistoryEvent\(id: (\d+)/.exec(message) ?? /event_id: (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** Events a workflow task's completion writes right after its WorkflowTaskCompleted: its commands. */
export const COMMAND_EVENTS: ReadonlySet<number> = new Set<number>([
  EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
  EventType.EVENT_TYPE_TIMER_STARTED,
  EventType.EVENT_TYPE_TIMER_CANCELED,
  EventType.EVENT_TYPE_MARKER_RECORDED,
  EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
  EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);

/**
 * The WorkflowTaskCompleted events whose commands put an update's acceptance after another command:
 * the SDK accepts every update of an activation before anything else runs, so such a task was
 * worked in two activations, and a replay (one activation) accepts first: the misordering. Only a
 * workflow whose update handlers issue no command before their first await (the problem workflow's
 * do not) can be judged this way.
 */
export function misorderedTasks(events: HistoryEvent[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) continue;
    let sawOther = false;
    for (let j = i + 1; j < events.length && COMMAND_EVENTS.has(events[j]!.eventType ?? 0); j++) {
      if (events[j]!.eventType !== EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) sawOther = true;
      else if (sawOther) {
        out.push(num(events[i]!.eventId));
        break;
      }
    }
  }
  return out;
}

/**
 * Where to reset, nearest first: the WorkflowTaskCompleted events before the event the error names
 * (the task that wrote the misordered commands ends just before its first command). Without an
 * event id, the first misordered task; failing that, the tasks before the first failed one.
 */
export function resetPoints(events: HistoryEvent[], eventId?: number): number[] {
  const failed = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED && isNondeterminism(e));
  const misordered = misorderedTasks(events)[0];
  const bound = eventId ?? (misordered !== undefined ? misordered + 1 : num(failed?.eventId ?? events.at(-1)?.eventId) + 1);
  return events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && num(e.eventId) < bound)
    .map((e) => num(e.eventId))
    .reverse();
}

function isNondeterminism(e: HistoryEvent): boolean {
  const a = e.workflowTaskFailedEventAttributes;
  // A reset's own marker quotes the error it repaired in its reason: it is no failure of the run.
  if (!a || a.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW) return false;
  return a.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR || NONDETERMINISM.test(a.failure?.message ?? '');
}

/** Updates accepted or admitted after `afterEventId`, in order: [update id, action name]. */
export function updatesAfter(events: HistoryEvent[], afterEventId: number): [string, string][] {
  const seen = new Map<string, string>();
  for (const e of events) {
    if (num(e.eventId) <= afterEventId) continue;
    const acc = e.workflowExecutionUpdateAcceptedEventAttributes;
    const adm = e.workflowExecutionUpdateAdmittedEventAttributes;
    // An acceptance of an admitted update carries no request of its own: the admission named it.
    const id = acc ? acc.acceptedRequest?.meta?.updateId || acc.protocolInstanceId : adm?.request?.meta?.updateId;
    const name = acc?.acceptedRequest?.input?.name ?? adm?.request?.input?.name ?? '';
    if (id && (!seen.has(id) || !seen.get(id))) seen.set(id, name);
  }
  return [...seen];
}

const quoted = (v: string) => `'${v.replace(/'/g, "\\'")}'`;

/** The running problem workflows (of one campaign), from Temporal's visibility store. */
async function runningProblems(client: Client, campaignId?: string): Promise<{ workflowId: string; runId: string }[]> {
  const parts = [`WorkflowType = 'problemWorkflow'`, `ExecutionStatus = 'Running'`];
  if (campaignId) parts.push(`${SearchAttributes.campaign.name} = ${quoted(campaignId)}`);
  const out: { workflowId: string; runId: string }[] = [];
  for await (const wf of client.workflow.list({ query: parts.join(' AND ') })) out.push({ workflowId: wf.workflowId, runId: wf.runId });
  return out;
}

const events = async (client: Client, workflowId: string, runId: string): Promise<HistoryEvent[]> =>
  (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];

/**
 * Running problem workflows whose workflow task keeps failing with a nondeterminism error (and,
 * with `replay`, those whose history fails to replay although nothing has asked them to move yet).
 * Describe says whether the task is failing (attempt 2 or more); its history's WorkflowTaskFailed
 * event says why (only the first failure of a streak is recorded).
 */
export async function findStuckProblems(client: Client, o: FindOptions = {}): Promise<Found> {
  const running = await runningProblems(client, o.campaignId);
  const stuck: StuckProblem[] = [];
  const failingOtherwise: FailingProblem[] = [];
  const healthy: { workflowId: string; runId: string; history: History }[] = [];
  let done = 0;
  await forEachLimit(running, o.concurrency ?? 8, async ({ workflowId, runId }) => {
    const d = await client.workflow.getHandle(workflowId, runId).describe();
    const attempt = d.raw.pendingWorkflowTask?.attempt ?? 1;
    if (attempt > 1 || o.replay) {
      const evs = await events(client, workflowId, runId);
      const failure = attempt > 1 ? evs.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).at(-1) : undefined;
      const message = firstLine(failure?.workflowTaskFailedEventAttributes?.failure?.message ?? '');
      if (failure && isNondeterminism(failure)) stuck.push({ workflowId, runId, foundBy: 'failing-task', attempt, error: message, eventId: eventIdInError(message) });
      else if (attempt > 1) failingOtherwise.push({ workflowId, attempt, error: message || '（历史中没有失败原因）' });
      else healthy.push({ workflowId, runId, history: { events: evs } });
    }
    o.onProgress?.(++done, running.length);
  });
  if (o.replay && healthy.length) {
    const failures = await o.replay(healthy);
    for (const h of healthy) {
      const error = failures.get(h.workflowId);
      if (error && NONDETERMINISM.test(error)) stuck.push({ workflowId: h.workflowId, runId: h.runId, foundBy: 'replay', attempt: 1, error: firstLine(error), eventId: eventIdInError(error) });
    }
  }
  stuck.sort((a, b) => a.workflowId.localeCompare(b.workflowId, 'en', { numeric: true }));
  return { checked: running.length, stuck, failingOtherwise };
}

/**
 * Resets one stuck problem and watches the new run: repaired once its first workflow task has
 * completed (and, with `replay`, its history replays). If the new run fails again, the next
 * earlier reset point of the stuck run is tried. The updates the stuck run accepted after the
 * reset point must all reach the new run: a missing one would be an acknowledged action lost, so
 * that ends the repair of this problem as failed.
 */
export async function repairProblem(client: Client, p: StuckProblem, o: RepairOptions = {}): Promise<RepairResult> {
  const old = await events(client, p.workflowId, p.runId);
  const points = resetPoints(old, p.eventId).slice(0, 1 + (o.fallbacks ?? 2));
  const result: RepairResult = { problem: p, outcome: 'failed', reapplied: [], abandoned: [], detail: '' };
  if (!points.length) return { ...result, detail: '历史中找不到可重置到的工作流任务' };
  if (o.dryRun) {
    const reapply = updatesAfter(old, points[0]!).map(([, name]) => name);
    return { ...result, outcome: 'would-reset', resetTo: points[0], reapplied: reapply, detail: '未执行（--dry-run）' };
  }
  for (const point of points) {
    const expected = updatesAfter(old, point);
    const { runId: newRunId } = await client.workflowService.resetWorkflowExecution({
      namespace: client.options.namespace,
      workflowExecution: { workflowId: p.workflowId, runId: p.runId },
      workflowTaskFinishEventId: int64(point),
      reason: `rectify repair：${p.foundBy === 'failing-task' ? '工作流任务因不确定性错误反复失败' : '历史重放出现不确定性错误'}（${p.error.slice(0, 200)}）`,
      // The same request again (a repair run twice) is answered with the same new run, not a second reset.
      requestId: `rectify-repair-${p.runId}-${point}`,
      // Nothing excluded (the server's default: signals and updates reapplied): the updates after the
      // point are people's actions. Excluding updates drops them from the new run; the check below
      // that each one reached it is what would catch a server doing so.
      resetReapplyExcludeTypes: [],
      identity: 'rectify repair',
    });
    if (!newRunId) throw new Error(`重置 ${p.workflowId} 没有返回新的运行`);
    o.log?.(`  ${p.workflowId}：已重置到事件 ${point}，新运行 ${newRunId}`);
    Object.assign(result, { resetTo: point, newRunId });
    const fresh = await events(client, p.workflowId, newRunId);
    const marker = resetMarker(fresh);
    const got = new Set(updatesAfter(fresh, marker).map(([id]) => id));
    result.reapplied = expected.map(([, name]) => name);
    const lost = expected.filter(([id]) => !got.has(id));
    if (lost.length) {
      return { ...result, outcome: 'failed', detail: `新运行缺少 ${lost.length} 个原已接受的操作（${lost.map(([, n]) => n).join('、')}）：请勿再操作，联系系统管理员` };
    }
    const watched = await watchNewRun(client, p.workflowId, newRunId, marker, o);
    if (watched === 'progressing') return { ...result, outcome: 'repaired', detail: '新运行已继续处理' };
    if (watched === 'waiting') return { ...result, outcome: 'reset', detail: `${Math.round((o.waitMs ?? 30_000) / 1000)} 秒内新运行的工作流任务尚未完成（worker 是否在运行？）` };
    result.abandoned.push({ resetTo: point, why: watched.failed });
  }
  return { ...result, outcome: 'failed', detail: `试过 ${points.length} 个重置点，新运行仍然失败：${result.abandoned.at(-1)?.why ?? ''}` };
}

/** The WorkflowTaskFailed event a reset writes into the new run (cause RESET_WORKFLOW): after it, the new run's own events. */
function resetMarker(evs: HistoryEvent[]): number {
  const m = evs.filter((e) => e.workflowTaskFailedEventAttributes?.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW).at(-1);
  return num(m?.eventId);
}

async function watchNewRun(client: Client, workflowId: string, runId: string, marker: number, o: RepairOptions): Promise<'progressing' | 'waiting' | { failed: string }> {
  const until = Date.now() + (o.waitMs ?? 30_000);
  for (;;) {
    const evs = await events(client, workflowId, runId);
    const after = evs.filter((e) => num(e.eventId) > marker);
    const failed = after.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    if (failed) return { failed: firstLine(failed.workflowTaskFailedEventAttributes?.failure?.message ?? '工作流任务失败') };
    if (after.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)) {
      if (!o.replay) return 'progressing';
      const error = (await o.replay([{ workflowId, history: { events: evs } }])).get(workflowId);
      return error ? { failed: `新运行的历史重放失败：${firstLine(error)}` } : 'progressing';
    }
    if (Date.now() > until) return 'waiting';
    await sleep(500);
  }
}

/* eslint-disable @typescript-eslint/no-require-imports */
const sdkWorker = () => require('@temporalio/worker') as typeof import('@temporalio/worker');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The SDK's runtime logging errors only: its core logs every failing replay and workflow task at
 * WARN, which a replay's caller reports itself. Kept as it is when a runtime is already installed
 * (a worker in this process).
 */
export function quietReplayRuntime(): void {
  const w = sdkWorker();
  try {
    w.Runtime.install({ logger: new w.DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: w.makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });
  } catch {
    // Already installed: its logging stays as it is.
  }
}

/**
 * The deep check's replayer: the workflow code bundled (or the bundle given), every history
 * replayed on one replay worker. Loaded only when asked for: it starts the SDK's native runtime.
 */
export async function replayer(bundle?: { code: string } | { codePath: string }): Promise<Replay> {
  const w = sdkWorker();
  quietReplayRuntime();
  const workflowBundle = bundle ?? { code: (await w.bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new w.DefaultLogger('ERROR') })).code };
  return async (histories) => {
    const failures = new Map<string, string>();
    for await (const r of w.Worker.runReplayHistories({ workflowBundle }, histories)) {
      if (r.error) failures.set(r.workflowId, r.error instanceof Error ? r.error.message : String(r.error));
    }
    return failures;
  };
}

export interface RepairReport extends Found {
  results: RepairResult[];
}

/** Finds the stuck problem workflows and repairs each in turn. */
export async function repairStuckProblems(client: Client, o: FindOptions & RepairOptions = {}): Promise<RepairReport> {
  const found = await findStuckProblems(client, o);
  const results: RepairResult[] = [];
  for (const p of found.stuck) results.push(await repairProblem(client, p, o));
  return { ...found, results };
}
