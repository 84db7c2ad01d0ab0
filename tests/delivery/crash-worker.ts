// A worker in its own process, so the crash test can SIGKILL it mid-send. Everything comes from
// the environment the test sets: CRASH_TEMPORAL, CRASH_DATABASE_URL, CRASH_TASK_QUEUE,
// CRASH_SMTP_URL, CRASH_SECRET_KEY and RECTIFY_WORKFLOW_BUNDLE (the bundle jest built once).
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { pgDb } from '../../db/client';
import { alwaysOpenDelivery } from '../../services/delivery/config';
import { requiredEnv as need } from '../../services/env';
import { createWorker } from '../../worker/create-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const db = pgDb(need('CRASH_DATABASE_URL'));
  const connection = await NativeConnection.connect({ address: need('CRASH_TEMPORAL') });
  const worker = await createWorker({
    connection,
    taskQueue: need('CRASH_TASK_QUEUE'),
    db,
    workflowBundle: { code: readFileSync(need('RECTIFY_WORKFLOW_BUNDLE'), 'utf8') },
    // Every hour and every day open: the storm is sent as soon as it is queued.
    delivery: alwaysOpenDelivery({ smtpUrl: need('CRASH_SMTP_URL'), mailFrom: '整改办 <rectify@hospital.test>', deskUrl: 'https://zgb.hospital.test', secretKey: need('CRASH_SECRET_KEY') }),
  });
  process.stdout.write('worker ready\n');
  await worker.run();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
