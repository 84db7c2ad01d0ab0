import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { problemWorkflowId } from '../domain/ids';
import { ErrorCode, FailureType, FieldError, UserError } from '../domain/errors';
import { ACTION_LABEL, ActionInput, ActionName, ActionSchemas, Evidence } from '../domain/problem-types';
import { userErrorFromZod } from '../domain/schemas';
import { ActionResult, updates } from '../workflows/definitions';
import { tryReadProblemState } from './problem-state';

/**
 * What an action's sender is told: the update's result, and whether the ledger has it yet.
 * recorded true: the ledger (database) has the change. false: the workflow applied it (it stands and
 * will not be undone) but the ledger write is still retrying, e.g. during a database outage; then,
 * when not even the workflow's state could be read in time (Temporal restarting, no worker polling),
 * the answer names the action only, without the status and version it led to.
 */
export type ActionAnswer = (ActionResult & { recorded: boolean }) | { summary: string; recorded: false; status?: undefined; version?: undefined };

/** How long a sender waits for the ledger before being told "accepted, the ledger is catching up". */
export const ACTION_ANSWER_WAIT_MS = 5_000;

/**
 * Sends one action to a problem's workflow, for the CLI and the desk alike. The payload is checked
 * here with the same schema the workflow's validator uses, so a typo is answered without a round
 * trip; role and state checks happen in the workflow, which is the only authority on them. Every
 * refusal comes back as a UserError carrying the workflow's failure type and message.
 *
 * The workflow answers an update once the ledger has the change. When the database is down that
 * takes as long as the outage, so the wait is bounded: an update the workflow accepted is applied
 * whatever happens next, and after `waitMs` the sender hears so, with the workflow's new status.
 * After acceptance nothing but the workflow's own refusal is an error: a failed wait for the result
 * or for the state (Temporal restarting) still answers "accepted".
 */
export async function sendAction<A extends ActionName>(
  client: Client,
  campaignId: string,
  no: number,
  action: A,
  input: ActionInput<A>,
  opts: { waitMs?: number } = {},
): Promise<ActionAnswer> {
  const parsed = ActionSchemas[action].safeParse(input);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  const handle = client.workflow.getHandle(problemWorkflowId(campaignId, no));
  const def = updates[action] as unknown as typeof updates.claim;
  try {
    // Accepted means the validator passed and the handler runs: the action is applied.
    const update = await handle.startUpdate(def, { args: [input as ActionInput<'claim'>], waitForStage: WorkflowUpdateStage.ACCEPTED });
    const outcome = update.result().catch((e: unknown) => {
      if (e instanceof WorkflowUpdateFailedError) throw e;
      // A failed poll for the result (Temporal restarting) says nothing against the applied action.
      return undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), opts.waitMs ?? ACTION_ANSWER_WAIT_MS)));
    const result = await Promise.race([outcome, waited]).finally(() => clearTimeout(timer));
    if (result) return { ...result, recorded: true };
    // The state lives in the workflow, not the database: a query answers during an outage.
    const state = await tryReadProblemState(client, handle.workflowId);
    if (!state) return { summary: ACTION_LABEL[action], recorded: false };
    return { status: state.status, version: state.version, summary: state.history[state.version - 1]?.summary ?? '', recorded: false };
  } catch (e) {
    throw refusal(e) ?? e;
  }
}

const FAILURE_TYPES = new Set<string>(Object.values(FailureType));

/** The UserError behind a refused update, or undefined when the failure is not the workflow's answer. */
export function refusal(e: unknown): UserError | undefined {
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
    const type = e.cause.type && FAILURE_TYPES.has(e.cause.type) ? (e.cause.type as ErrorCode) : 'InvalidState';
    return new UserError(e.cause.message, type, fieldsOf(e.cause.message));
  }
  if (e instanceof WorkflowNotFoundError) return new UserError('找不到该问题的工作流：请确认巡察整改编号和问题序号', 'NotFound');
  return undefined;
}

/** The workflow writes field errors as "path: message" lines (formatZodError); name them for forms. */
function fieldsOf(message: string): FieldError[] {
  return message
    .split('\n')
    .map((line) => /^([A-Za-z][\w.]*): (.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ path: m[1]!, message: m[2]! }));
}

/** Text evidence is hashed like a file: the hash is what the office checks against the ledger. */
export function textEvidence(text: string): Evidence {
  return { kind: 'text', text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
