import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createActivities } from '../activities';
import type { Db } from '../db/client';
import { deliveryConfigFromEnv, type DeliveryDeps } from '../services/delivery/config';
import { createEmailSender } from '../services/delivery/email';
import { env } from '../services/env';
import { STICKY_QUEUE_TIMEOUT_MS } from '../services/problem-state';

export interface RectifyWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  db: Db;
  /**
   * A prebuilt bundle (tests build one per run). Otherwise the one `npm run build` put beside the
   * compiled code (dist/workflow-bundle.js) when running from dist/; from the sources, the
   * workflows are bundled now (a few seconds).
   */
  workflowBundle?: { code: string } | { codePath: string };
  maxConcurrentActivityTaskExecutions?: number;
  /** Workflow-task concurrency and threads (benchmarks tune these; the SDK's defaults otherwise). */
  tuning?: Pick<WorkerOptions, 'workflowThreadPoolSize' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentWorkflowTaskPolls'>;
  /** Sticky cache size (RECTIFY_MAX_CACHED_WORKFLOWS); the SDK's memory-based default when absent. */
  maxCachedWorkflows?: number;
  /** The delivery engine's settings and SMTP pool; from the environment when absent. */
  delivery?: DeliveryDeps;
}

/** Delivery from the environment (RECTIFY_SMTP_URL, RECTIFY_MAIL_FROM, RECTIFY_DESK_URL, RECTIFY_QUIET_HOURS). */
export function deliveryDepsFromEnv(): DeliveryDeps {
  const config = deliveryConfigFromEnv(env());
  return { config, email: createEmailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom }) };
}

/** dist/workflow-bundle.js seen from dist/worker/; from the sources there is none (nothing is built beside them). */
export const PREBUILT_BUNDLE = path.join(__dirname, '..', 'workflow-bundle.js');

export async function createWorker(o: RectifyWorkerOptions): Promise<Worker> {
  const bundle = o.workflowBundle ?? (existsSync(PREBUILT_BUNDLE) ? { codePath: PREBUILT_BUNDLE } : undefined);
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = bundle ? { workflowBundle: bundle } : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    taskQueue: o.taskQueue,
    ...workflows,
    activities: createActivities(o.db, o.delivery ?? deliveryDepsFromEnv()),
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivityTaskExecutions ?? 20,
    // Two threads run workflow tasks by default: measured on 2 cores, 1,000 new problems' first
    // tasks drained in 15.6 s instead of 20.8 s with the SDK's default of one.
    workflowThreadPoolSize: env().RECTIFY_WORKFLOW_THREADS,
    // Named, not left to the SDK's default: state reads give up well before it (services/problem-state.ts).
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT_MS,
    ...o.tuning,
    ...(o.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: o.maxCachedWorkflows }),
  });
}
