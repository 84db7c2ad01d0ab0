import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { problemWorkflowId } from '../domain/ids';
import { ErrorCode, FailureType, FieldError, UserError } from '../domain/errors';
import { ActionInput, ActionName, ActionSchemas, Evidence } from '../domain/problem-types';
import { userErrorFromZod } from '../domain/schemas';
import { ActionResult, updates } from '../workflows/definitions';

/**
 * Sends one action to a problem's workflow, for the CLI and the desk alike. The payload is checked
 * here with the same schema the workflow's validator uses, so a typo is answered without a round
 * trip; role and state checks happen in the workflow, which is the only authority on them. Every
 * refusal comes back as a UserError carrying the workflow's failure type and message.
 */
export async function sendAction<A extends ActionName>(
  client: Client,
  campaignId: string,
  no: number,
  action: A,
  input: ActionInput<A>,
): Promise<ActionResult> {
  const parsed = ActionSchemas[action].safeParse(input);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  const handle = client.workflow.getHandle(problemWorkflowId(campaignId, no));
  const def = updates[action] as unknown as typeof updates.claim;
  try {
    return await handle.executeUpdate(def, { args: [input as ActionInput<'claim'>] });
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
