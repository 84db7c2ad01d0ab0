import { ZodError } from 'zod';
import { UserError } from '../domain/errors';
import { formatZodError } from '../domain/schemas';

/**
 * Turns what Temporal, zod or the database threw into one clear line for the terminal. `refusal`
 * recognises the workflow's refusals (services/actions); the CLI passes it once it has loaded the
 * Temporal client (Context.refusal), so commands that never talk to Temporal never load it.
 */
export function explain(err: unknown, refusal: (e: unknown) => UserError | undefined = () => undefined): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof ZodError) return formatZodError(err);
  const refused = refusal(err);
  if (refused) return refused.message;
  if (err instanceof Error && /ECONNREFUSED|Connection refused|failed to connect|transport error/i.test(err.message)) {
    return `无法连接服务（${err.message.split('\n')[0]}）：请先运行 npm start，或设置 TEMPORAL_ADDRESS / DATABASE_URL`;
  }
  const sqlState = databaseErrorCode(err);
  if (sqlState) return `数据库操作失败（PostgreSQL 错误 ${sqlState}）：请检查 DATABASE_URL 所指的数据库，或联系系统管理员`;
  return err instanceof Error ? err.message : String(err);
}

/** A PostgreSQL error's SQLSTATE (five characters, e.g. 42P01): its text is not for people. */
function databaseErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; severity?: unknown };
  return err instanceof Error && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string' ? e.code : undefined;
}
