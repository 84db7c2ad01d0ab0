import { z } from 'zod';
import { formatZodError } from '../domain/schemas';

const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  RECTIFY_TASK_QUEUE: z.string().default('rectify'),
  DATABASE_URL: z.string().url('DATABASE_URL 应为 postgres:// 连接串').optional(),
  RECTIFY_DATA_DIR: z.string().default('.rectify'),
});
export type Env = z.infer<typeof EnvSchema>;

let parsed: Env | undefined;

/** The environment, parsed once; a bad value stops the process with the field named. */
export function env(): Env {
  if (parsed) return parsed;
  const r = EnvSchema.safeParse(process.env);
  if (!r.success) throw new Error(`环境变量有误:\n${formatZodError(r.error)}`);
  parsed = r.data;
  return parsed;
}
