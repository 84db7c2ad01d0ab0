import { z } from 'zod';
import { formatZodError } from '../domain/schemas';

const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no', ''], { errorMap: () => ({ message: '应为 1 或 0' }) })
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === '1' || v === 'true' || v === 'yes'));

const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  RECTIFY_TASK_QUEUE: z.string().default('rectify'),
  DATABASE_URL: z.string().url('DATABASE_URL 应为 postgres:// 连接串').optional(),
  RECTIFY_DATA_DIR: z.string().default('.rectify'),
  /** The desk's HTTP port and interface; HOST=0.0.0.0 to serve the hospital network. */
  PORT: z.coerce.number({ invalid_type_error: 'PORT 应为端口号' }).int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Where browsers reach the desk (behind a proxy); state-changing requests must come from it. */
  RECTIFY_PUBLIC_ORIGIN: z.string().url('RECTIFY_PUBLIC_ORIGIN 应为 https://… 形式的地址').optional(),
  /** Marks the session cookie Secure; set it when the desk is served over https. */
  RECTIFY_SECURE_COOKIE: flag(false),
  RECTIFY_MAX_UPLOAD_MB: z.coerce.number().positive('RECTIFY_MAX_UPLOAD_MB 应为正数').default(50),
  /** npm start loads the demo campaign and its accounts on first start unless this is 0. */
  RECTIFY_DEMO: flag(true),
  /** Empty counts as unset, as in most shells' habits. */
  RECTIFY_DEMO_PASSWORD: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  /** Encrypts robot webhooks and secrets in the database; generated into the data folder when unset. */
  RECTIFY_SECRET_KEY: z.string().min(32, 'RECTIFY_SECRET_KEY 至少 32 个字符').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
