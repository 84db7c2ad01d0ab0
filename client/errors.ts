import { ZodError } from 'zod';
import { UserError } from '../domain/errors';
import { formatZodError } from '../domain/schemas';
import { refusal } from '../services/actions';

/** Turns what Temporal, zod or the database threw into one clear line for the terminal. */
export function explain(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof ZodError) return formatZodError(err);
  const refused = refusal(err);
  if (refused) return refused.message;
  if (err instanceof Error && /ECONNREFUSED|Connection refused|failed to connect|transport error/i.test(err.message)) {
    return `无法连接服务（${err.message.split('\n')[0]}）：请先运行 npm start，或设置 TEMPORAL_ADDRESS / DATABASE_URL`;
  }
  return err instanceof Error ? err.message : String(err);
}
