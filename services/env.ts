import { z } from 'zod';
import { DEFAULT_QUIET_HOURS, parseQuietHours } from '../domain/delivery';
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
  /**
   * Which Temporal `npm start` runs: `dev` (the CLI's dev server on SQLite, with its web UI) or
   * `cluster` (Temporal's own server on PostgreSQL, as in production; `npm run start:cluster`).
   */
  RECTIFY_TEMPORAL_PROFILE: z.enum(['dev', 'cluster'], { errorMap: () => ({ message: '应为 dev 或 cluster' }) }).default('dev'),
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
  /**
   * Lets group robots post to http://127.0.0.1 / localhost instead of the providers' https hosts:
   * the tests' and benchmarks' local robot sinks. Never set it in production.
   */
  RECTIFY_ALLOW_LOCAL_ROBOTS: flag(false),
  /** Outgoing mail, e.g. smtp://user:pass@mail.hospital.cn:587 or smtps://…:465; a secret (it carries the password). */
  RECTIFY_SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^smtps?:\/\/[^/\s]+/.test(v), 'RECTIFY_SMTP_URL 应为 smtp://用户名:密码@主机:端口 或 smtps://… 形式'),
  /** The sender of reminder emails, e.g. "整改办 <zgb@hospital.cn>". */
  RECTIFY_MAIL_FROM: z.string().optional().transform((v) => v || undefined),
  /** Where people open the desk; links in emails and robot posts point there. */
  RECTIFY_DESK_URL: z.string().url('RECTIFY_DESK_URL 应为 http(s)://… 形式的地址').optional(),
  /** No sends in these hours (Asia/Shanghai) except red warnings: "20-8", "22:30-7:00", or "off". */
  RECTIFY_QUIET_HOURS: z.string().default(DEFAULT_QUIET_HOURS).refine((v) => parseQuietHours(v) !== null, 'RECTIFY_QUIET_HOURS 应为 20-8 或 20:00-08:00 形式，off 表示不设免打扰'),
  /**
   * Workflows a worker keeps in memory between their tasks (Temporal's sticky cache), about 0.5 MB
   * each. Evicted ones are replayed from their short histories when they next wake. 500, with
   * MALLOC_ARENA_MAX=2 and --max-old-space-size=384, kept a worker at about 850 MB with thousands of
   * open problems (BENCHMARKS.md, city scale; README "Deploying").
   */
  RECTIFY_MAX_CACHED_WORKFLOWS: z.coerce.number({ invalid_type_error: 'RECTIFY_MAX_CACHED_WORKFLOWS 应为整数' }).int().min(0).default(500),
  /** Threads running workflow tasks in a worker; 2 measured faster on 2 cores (worker/create-worker.ts). */
  RECTIFY_WORKFLOW_THREADS: z.coerce.number({ invalid_type_error: 'RECTIFY_WORKFLOW_THREADS 应为整数' }).int().min(1).max(16).default(2),
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

/** A variable a child process must be given by its parent (tests, benchmarks, fault scripts). */
export function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}
