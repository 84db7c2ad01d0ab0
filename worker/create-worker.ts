import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Db } from '../db/client';

export interface RectifyWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  db: Db;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled now. */
  workflowBundle?: { code: string };
  maxConcurrentActivityTaskExecutions?: number;
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
    activities: createActivities(o.db),
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivityTaskExecutions ?? 20,
  });
}
