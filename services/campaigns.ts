import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { newProblemsOf } from '../domain/campaign';
import { DeadlinePolicySchema } from '../domain/policy';
import type { NewProblem } from '../domain/problem';
import type { CampaignLedger } from '../domain/schemas';
import { shanghaiInstant } from '../domain/dates';
import type { Db } from '../db/client';
import { insertCampaign } from '../db/queries/insert-campaign';
import { campaignWorkflowId, problemWorkflowId } from '../domain/ids';
import { SearchAttributes } from '../workflows/definitions';
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
}

/**
 * Loads a ledger: rows first (so the projection exists before any workflow writes to it), then one
 * workflow per problem under a deterministic id. Running it twice starts nothing twice.
 */
export async function createCampaign(client: Client, db: Db, ledger: CampaignLedger, o: CreateCampaignOptions): Promise<CreateCampaignResult> {
  const { created } = await insertCampaign(db, ledger);
  const problems = newProblemsOf(ledger);
  let started = 0;
  let done = 0;
  await forEachLimit(problems, o.concurrency ?? 32, async (np) => {
    if (await startProblem(client, o.taskQueue, np)) started += 1;
    o.onProgress?.(++done, problems.length);
  });
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

export function startProblem(client: Client, taskQueue: string, np: NewProblem): Promise<boolean> {
  const p = np.problem;
  return startOnce(() =>
    client.workflow.start<typeof problemWorkflow>('problemWorkflow', {
      workflowId: problemWorkflowId(np.campaignId, p.no),
      taskQueue,
      // A finished problem keeps its id: loading the ledger again must not restart it.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ create: np }],
      typedSearchAttributes: [
        { key: SearchAttributes.campaign, value: np.campaignId },
        { key: SearchAttributes.department, value: p.department },
        { key: SearchAttributes.status, value: p.closed ? 'closed' : 'assigned' },
        { key: SearchAttributes.warning, value: 'none' },
        ...(p.deadline ? [{ key: SearchAttributes.deadline, value: shanghaiInstant(p.deadline) }] : []),
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
