import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ZodError } from 'zod';
import { FailureType } from '../domain/errors';
import { formatZodError } from '../domain/schemas';

/** An error meant for the person at the terminal: its message is the whole story. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly type: FailureType = FailureType.InvalidInput,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Turns what Temporal, zod or the database threw into one clear line. */
export function explain(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof ZodError) return formatZodError(err);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.message;
  if (err instanceof WorkflowNotFoundError) return `找不到该问题的工作流（${err.workflowId}）：请确认巡察整改编号和问题序号`;
  if (err instanceof Error && /ECONNREFUSED|Connection refused|failed to connect|transport error/i.test(err.message)) {
    return `无法连接服务（${err.message.split('\n')[0]}）：请先运行 npm start，或设置 TEMPORAL_ADDRESS / DATABASE_URL`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The failure type behind an update rejection, for callers that branch on it. */
export function failureType(err: unknown): string | undefined {
  if (err instanceof UserError) return err.type;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? undefined;
  return undefined;
}
