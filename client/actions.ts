import { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FailureType } from '../domain/errors';
import { ActionInput, ActionName, ActionSchemas, Evidence } from '../domain/problem-types';
import { formatZodError } from '../domain/schemas';
import { ActionResult, problemWorkflowId, updates } from '../workflows/definitions';
import { UserError } from './errors';

/**
 * Sends one action to a problem's workflow. The payload is checked here with the same schema the
 * workflow's validator uses, so a typo is answered without a round trip; role and state checks
 * happen in the workflow, which is the only authority on them.
 */
export async function runAction<A extends ActionName>(
  client: Client,
  campaignId: string,
  no: number,
  action: A,
  input: ActionInput<A>,
): Promise<ActionResult> {
  const parsed = ActionSchemas[action].safeParse(input);
  if (!parsed.success) throw new UserError(formatZodError(parsed.error), FailureType.InvalidInput);
  const handle = client.workflow.getHandle(problemWorkflowId(campaignId, no));
  const def = updates[action] as unknown as typeof updates.claim;
  return handle.executeUpdate(def, { args: [input as ActionInput<'claim'>] });
}

/** Evidence from a file on disk: its name, size and SHA-256, never its bytes. */
export function fileEvidence(file: string): Evidence {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UserError(`佐证材料文件不存在或无法读取: ${file}`);
  }
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  return { kind: 'file', name: path.basename(file), size, sha256 };
}

export function textEvidence(text: string): Evidence {
  return { kind: 'text', text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
