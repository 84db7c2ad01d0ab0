// Reading a problem's live state: the workflow's `state` query, for the desk, the CLI and senders.
//
// Every read carries a deadline well below the workers' sticky schedule-to-start timeout. Why: a
// query sent just after the worker caching the run died waits on that worker's sticky queue; if it
// waits out the timeout, a fresh worker answers it and keeps the run cached with an activity's
// completion already applied, and the next workflow task then records an update's acceptance in an
// order its own replay does not reproduce (SDK bug, reliability/upstream-update-order.md): the run
// fails every task until `rectify repair` resets it. A query abandoned before the timeout never
// reaches that fresh worker (checked by reliability/update-order-minimal with a 3 s deadline).
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { UserError } from '../domain/errors';
import type { ProblemData } from '../domain/problem-types';
import { stateQuery } from '../workflows/definitions';

/** The workers' sticky schedule-to-start timeout (worker/create-worker.ts sets it, explicitly). */
export const STICKY_QUEUE_TIMEOUT_MS = 10_000;

/** How long a state read may take; kept below STICKY_QUEUE_TIMEOUT_MS, see above. */
export const STATE_QUERY_DEADLINE_MS = 3_000;

/** The problem workflow's state, or a UserError when it cannot be read within the deadline. */
export async function readProblemState(client: Client, workflowId: string): Promise<ProblemData> {
  try {
    return await client.connection.withDeadline(Date.now() + STATE_QUERY_DEADLINE_MS, () =>
      client.workflow.getHandle(workflowId).query(stateQuery),
    );
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) throw e;
    if (isDeadline(e)) throw new UserError('问题的实时状态暂时读不到（工作流服务繁忙或正在恢复），请稍后再试', 'Unavailable');
    throw e;
  }
}

/** The problem's state, or undefined when it cannot be read in time (any failure). */
export async function tryReadProblemState(client: Client, workflowId: string): Promise<ProblemData | undefined> {
  try {
    return await readProblemState(client, workflowId);
  } catch {
    return undefined;
  }
}

function isDeadline(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  // gRPC DEADLINE_EXCEEDED is 4; the SDK also reports a client-side timeout as a plain message.
  return code === 4 || (e instanceof Error && /deadline|DEADLINE_EXCEEDED|timed out/i.test(e.message));
}
