// One rectify worker in its own process, so a fault script can SIGKILL it (or swap its workflow
// bundle). Settings come from the environment the script sets: FAULT_TEMPORAL, FAULT_DATABASE_URL,
// FAULT_TASK_QUEUE and FAULT_BUNDLE (a prebuilt workflow bundle, so a restart takes no bundling).
// FAULT_ROLE=workflows runs the workflows alone (no activities, no database) with a sticky queue
// timeout of FAULT_STICKY_TIMEOUT_MS: reliability/update-order.ts runs the activities in its own
// process and kills this one between an activity's start and its end.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { pgDb } from '../db/client';
import { alwaysOpenDelivery } from '../services/delivery/config';
import { STICKY_QUEUE_TIMEOUT_MS } from '../services/problem-state';
import { createWorker } from '../worker/create-worker';

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

async function main(): Promise<void> {
  // WARN: a nondeterminism failure is logged at WARN/ERROR; the unpatched-change script counts them.
  Runtime.install({ logger: new DefaultLogger((process.env.FAULT_LOG_LEVEL as 'WARN' | 'ERROR' | undefined) ?? 'ERROR') });
  const connection = await NativeConnection.connect({ address: need('FAULT_TEMPORAL') });
  const workflowsOnly = process.env.FAULT_ROLE === 'workflows';
  const db = workflowsOnly ? undefined : pgDb(need('FAULT_DATABASE_URL'));
  const workflowBundle = { code: readFileSync(need('FAULT_BUNDLE'), 'utf8') };
  const worker = !db
    ? await Worker.create({
        connection,
        taskQueue: need('FAULT_TASK_QUEUE'),
        workflowBundle,
        stickyQueueScheduleToStartTimeout: Number(process.env.FAULT_STICKY_TIMEOUT_MS ?? STICKY_QUEUE_TIMEOUT_MS),
      })
    : await createWorker({
        connection,
        taskQueue: need('FAULT_TASK_QUEUE'),
        db,
        workflowBundle,
        // No dispatcher runs in the fault scripts: the outbox is what is checked, nothing is sent.
        delivery: alwaysOpenDelivery({ mailFrom: '整改办 <rectify@hospital.test>', secretKey: 'fault-scripts-secret-key-0123456789abcdef' }),
      });
  const stop = (): void => worker.shutdown();
  process.once('SIGTERM', stop);
  process.stdout.write('worker ready\n');
  await worker.run();
  await connection.close();
  await db?.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
