import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { newProblemsOf } from '../domain/campaign';
import { DeadlinePolicySchema } from '../domain/policy';
import type { NewProblem } from '../domain/problem';
import type { CampaignLedger } from '../domain/schemas';
import { shanghaiInstant } from '../domain/dates';
import type { Db } from '../db/client';
import { insertCampaign } from '../db/queries/insert-campaign';
import { campaignWorkflowId, problemWorkflowId } from '../domain/ids';
import { firstRun } from '../domain/first-run';
import { deliveryDispatcherWorkflowId } from '../domain/delivery';
import type { ProblemData } from '../domain/problem-types';
import { recordProblemWithNotices } from './record';
import { SearchAttributes, wakeSignal } from '../workflows/definitions';
import type { campaignWorkflow, problemWorkflow } from '../workflows';

export interface CreateCampaignResult {
  campaignId: string;
  /** False when the same ledger had been loaded before. */
  created: boolean;
  started: number;
  alreadyRunning: number;
}

export interface CreateCampaignOptions {
  taskQueue: string;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** The moment the first steps are computed at (a time-skipping test's server clock); now by default. */
  now?: number;
}

/**
 * Loads a ledger: rows first (so the projection exists before any workflow writes to it), then per
 * problem its first step (domain/first-run.ts) written with the activities' own queries, then its
 * workflow started from that step under a deterministic id. Running it twice starts nothing twice
 * and writes nothing twice (the writes are version-guarded and keyed).
 */
export async function createCampaign(client: Client, db: Db, ledger: CampaignLedger, o: CreateCampaignOptions): Promise<CreateCampaignResult> {
  const { created } = await insertCampaign(db, ledger);
  const problems = newProblemsOf(ledger);
  let started = 0;
  let done = 0;
  let queued = 0;
  await forEachLimit(problems, o.concurrency ?? 32, async (np) => {
    const first = await recordFirstRun(db, np, o.now ?? Date.now());
    queued += first.queued;
    if (await startProblem(client, o.taskQueue, np, first.data)) started += 1;
    o.onProgress?.(++done, problems.length);
  });
  // The outbox grew without an activity: tell the delivery dispatcher, as the notify activity would.
  if (queued) await client.workflow.getHandle(deliveryDispatcherWorkflowId(o.taskQueue)).signal(wakeSignal).catch(() => undefined);
  const policy = DeadlinePolicySchema.parse(ledger.policy);
  await startOnce(() =>
    client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
      workflowId: campaignWorkflowId(ledger.id),
      taskQueue: o.taskQueue,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [
        {
          campaignId: ledger.id,
          concentratedPeriodEnd: ledger.concentratedPeriodEnd,
          office: ledger.leadingGroup.office.map((id) => ({ id, name: ledger.people.find((p) => p.id === id)?.name ?? id })),
          notifyHour: policy.notifyHour,
        },
      ],
      typedSearchAttributes: [{ key: SearchAttributes.campaign, value: ledger.id }],
    }),
  );
  return { campaignId: ledger.id, created, started, alreadyRunning: problems.length - started };
}

/** Writes a problem's first step as its workflow would: the projection at that version, its trail and notices. */
async function recordFirstRun(db: Db, np: NewProblem, now: number): Promise<{ data: ProblemData; queued: number }> {
  const { data, notes, campaignNotes } = firstRun(np, now);
  const workflowId = problemWorkflowId(np.campaignId, np.problem.no);
  const { history, sent: _sent, ...snapshot } = data;
  const notices = [
    { campaignId: np.campaignId, problemNo: np.problem.no, workflowId, notifications: notes },
    { campaignId: np.campaignId, workflowId: campaignWorkflowId(np.campaignId), notifications: campaignNotes },
  ];
  return { data, queued: await recordProblemWithNotices(db, { workflowId, snapshot, audit: history, notices }) };
}

/** Starts a problem's workflow, from its recorded first step when given (see createCampaign). */
export function startProblem(client: Client, taskQueue: string, np: NewProblem, recorded?: ProblemData): Promise<boolean> {
  const p = np.problem;
  return startOnce(() =>
    client.workflow.start<typeof problemWorkflow>('problemWorkflow', {
      workflowId: problemWorkflowId(np.campaignId, p.no),
      taskQueue,
      // A finished problem keeps its id: loading the ledger again must not restart it.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [recorded ? { state: recorded, recorded: true } : { create: np }],
      typedSearchAttributes: [
        { key: SearchAttributes.campaign, value: np.campaignId },
        { key: SearchAttributes.department, value: p.department },
        // The first step may have raised a warning already (a ledger loaded late): start with its figures.
        { key: SearchAttributes.status, value: recorded?.status ?? (p.closed ? 'closed' : 'assigned') },
        { key: SearchAttributes.warning, value: recorded?.warning ?? 'none' },
        ...(p.deadline ? [{ key: SearchAttributes.deadline, value: shanghaiInstant(recorded?.deadline ?? p.deadline) }] : []),
      ],
    }),
  );
}

async function startOnce(start: () => Promise<unknown>): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}

export async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}
