// Where a problem's first run spends its time, read from the recorded histories themselves
// (server timestamps): the wait for a worker to take each workflow task, the task, the first
// snapshot activity and its wait, until the first timer is armed — that last moment is "ready".
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { forEachLimit } from '../services/campaigns';
import { summarize, type Summary } from './measure';

const T = temporal.api.enums.v1.EventType;

export interface FirstRunPhases {
  /** Per phase, milliseconds over every workflow that had that phase. */
  phases: Record<string, Summary>;
  /** Workflows whose history shows a timer started / none. */
  armed: number;
  /** Latest first-timer time (epoch ms) over all workflows: when the last problem was ready. */
  lastReadyAt: number;
  activities: number;
  workflowTasks: number;
}

const toMs = (t: temporal.api.history.v1.IHistoryEvent['eventTime']): number => Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);

export async function firstRunPhases(client: Client, workflowIds: string[]): Promise<FirstRunPhases> {
  const samples: Record<string, number[]> = {};
  const add = (k: string, v: number) => (samples[k] ??= []).push(v);
  let armed = 0;
  let lastReadyAt = 0;
  let activities = 0;
  let workflowTasks = 0;
  await forEachLimit(workflowIds, 16, async (id) => {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    const started = toMs(events[0]?.eventTime);
    const at: Partial<Record<number, number>> = {};
    for (const e of events) {
      const t = toMs(e.eventTime);
      const type = e.eventType ?? 0;
      const since = (from: number) => t - (at[from] ?? t);
      switch (type) {
        case T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
        case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
          at[type] = t;
          break;
        case T.EVENT_TYPE_WORKFLOW_TASK_STARTED:
          add('workflow task: waiting for a worker', since(T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED));
          at[type] = t;
          break;
        case T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
          add('workflow task: worker running it', since(T.EVENT_TYPE_WORKFLOW_TASK_STARTED));
          workflowTasks += 1;
          break;
        case T.EVENT_TYPE_ACTIVITY_TASK_STARTED:
          add('first snapshot activity: waiting for a slot', since(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
          at[type] = t;
          break;
        case T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
          add('first snapshot activity: writing', since(T.EVENT_TYPE_ACTIVITY_TASK_STARTED));
          activities += 1;
          break;
      }
      if (type === T.EVENT_TYPE_TIMER_STARTED) {
        add('start → first timer armed', t - started);
        armed += 1;
        lastReadyAt = Math.max(lastReadyAt, t);
        break;
      }
    }
  });
  return { phases: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])), armed, lastReadyAt, activities, workflowTasks };
}
