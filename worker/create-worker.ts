import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { DeliveryDeps } from '../activities/delivery';
import type { Db } from '../db/client';
import { deliveryConfigFromEnv } from '../services/delivery/config';
import { createEmailSender } from '../services/delivery/email';
import { env } from '../services/env';

export interface RectifyWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  db: Db;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled now. */
  workflowBundle?: { code: string };
  maxConcurrentActivityTaskExecutions?: number;
  /** The delivery engine's settings and SMTP pool; from the environment when absent. */
  delivery?: DeliveryDeps;
}

/** Delivery from the environment (RECTIFY_SMTP_URL, RECTIFY_MAIL_FROM, RECTIFY_DESK_URL, RECTIFY_QUIET_HOURS). */
export function deliveryDepsFromEnv(): DeliveryDeps {
  const config = deliveryConfigFromEnv(env());
  return { config, email: createEmailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom }) };
}

export async function createWorker(o: RectifyWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = o.workflowBundle
    ? { workflowBundle: o.workflowBundle }
    : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    taskQueue: o.taskQueue,
    ...workflows,
    activities: createActivities(o.db, o.delivery ?? deliveryDepsFromEnv()),
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivityTaskExecutions ?? 20,
  });
}
