// What Temporal itself says about one problem workflow: whether it is making progress (describe)
// and which notifications its completed notify activities wrote (its history, every run).
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NotifyInput } from '../db/queries/insert-notifications';
import { notificationDedupeKey } from '../db/queries/insert-notifications';
import type { RecordWithNoticesInput } from '../workflows/activity-types';

export interface Progress {
  /** RUNNING, COMPLETED, FAILED, … or NOT_FOUND. */
  status: string;
  /** Why the workflow is not moving, if it is not: empty when healthy. */
  blocked: string[];
}

/** An error with its causes, e.g. "Workflow Update failed ← 9 FAILED_PRECONDITION: …". */
export function errorText(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e; c && parts.length < 4; c = (c as { cause?: unknown }).cause) parts.push(c instanceof Error ? c.message.split('\n')[0]! : String(c));
  return parts.join(' ← ');
}

/** A pending activity may retry a few times in any healthy run (a killed worker, a short outage). */
const ACTIVITY_ATTEMPTS_OK = 3;

export async function progressOf(client: Client, workflowId: string): Promise<Progress> {
  let d;
  try {
    d = await client.workflow.getHandle(workflowId).describe();
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return { status: 'NOT_FOUND', blocked: ['工作流不存在'] };
    throw e;
  }
  const status = d.status.name;
  const blocked: string[] = [];
  if (status !== 'RUNNING' && status !== 'COMPLETED' && status !== 'CONTINUED_AS_NEW') blocked.push(`工作流已结束：${status}`);
  const task = d.raw.pendingWorkflowTask;
  // Attempt 2+ means the last workflow task failed (nondeterminism, a crash in workflow code …).
  if (task && (task.attempt ?? 1) > 1) blocked.push(`工作流任务第 ${task.attempt} 次尝试`);
  for (const a of d.raw.pendingActivities ?? []) {
    const attempt = a.attempt ?? 1;
    if (attempt > ACTIVITY_ATTEMPTS_OK || a.lastFailure) {
      blocked.push(`活动 ${a.activityType?.name ?? '?'} 第 ${attempt} 次尝试${a.lastFailure ? `：${a.lastFailure.message ?? ''}` : ''}`);
    }
  }
  return { status, blocked };
}

/**
 * Outbox rows a workflow's completed notify (or recordProblemWithNotices) activities wrote, as
 * `dedupeKey|recipientId`: an activity completes only after its insert committed, so every one of
 * these must be in the table.
 */
export async function notifiedByHistory(client: Client, workflowId: string): Promise<Set<string>> {
  const out = new Set<string>();
  let runId: string | undefined;
  // Walk back through continue-as-new: earlier runs flushed their notifications before handing over.
  for (let runs = 0; runs < 100; runs++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    collect(history.events ?? [], out);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) break;
  }
  return out;
}

/** The activities that write notifications: notify, and (behind the one-write-per-flush patch) the combined write. */
function noticesOf(name: string | null | undefined, input: unknown): NotifyInput[] {
  if (name === 'notify') return [input as NotifyInput];
  if (name === 'recordProblemWithNotices') return (input as RecordWithNoticesInput).notices;
  return [];
}

function collect(events: temporal.api.history.v1.IHistoryEvent[], out: Set<string>): void {
  const completed = new Set(events.map((e) => Number(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? 0)));
  for (const e of events) {
    const a = e.activityTaskScheduledEventAttributes;
    const data = a?.input?.payloads?.[0]?.data;
    if (!a || !data || !completed.has(Number(e.eventId))) continue;
    for (const input of noticesOf(a.activityType?.name, JSON.parse(Buffer.from(data).toString('utf8')))) {
      for (const n of input.notifications) for (const r of n.recipients) out.add(`${notificationDedupeKey(input.workflowId, n.dedupeKey)}|${r.id}`);
    }
  }
}

/** Keeps the histories of the workflows a run found at fault (every run of each), for replaying them later. */
export async function saveHistories(client: Client, workflowIds: string[], dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const id of new Set(workflowIds)) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    writeFileSync(path.join(dir, `${id.replace(/[^\w.-]+/g, '_')}.json`), historyToJSON(history));
  }
}
