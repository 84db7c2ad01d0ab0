// One rectify worker in its own process, so a fault script can SIGKILL it (or swap its workflow
// bundle). Settings come from the environment the script sets: FAULT_TEMPORAL, FAULT_DATABASE_URL,
// FAULT_TASK_QUEUE and FAULT_BUNDLE (a prebuilt workflow bundle, so a restart takes no bundling).
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { pgDb } from '../db/client';
import { parseQuietHours } from '../domain/delivery';
import { createEmailSender } from '../services/delivery/email';
import { SecretBox } from '../services/secrets';
import { createWorker } from '../worker/create-worker';

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

async function main(): Promise<void> {
  // WARN: a nondeterminism failure is logged at WARN/ERROR; the unpatched-change script counts them.
  Runtime.install({ logger: new DefaultLogger((process.env.FAULT_LOG_LEVEL as 'WARN' | 'ERROR' | undefined) ?? 'ERROR') });
  const db = pgDb(need('FAULT_DATABASE_URL'));
  const connection = await NativeConnection.connect({ address: need('FAULT_TEMPORAL') });
  const from = '整改办 <rectify@hospital.test>';
  const box = new SecretBox('fault-scripts-secret-key-0123456789abcdef');
  const worker = await createWorker({
    connection,
    taskQueue: need('FAULT_TASK_QUEUE'),
    db,
    workflowBundle: { code: readFileSync(need('FAULT_BUNDLE'), 'utf8') },
    // No dispatcher runs in the fault scripts: the outbox is what is checked, nothing is sent.
    delivery: {
      config: { mailFrom: from, deskUrl: null, quietHours: parseQuietHours('off')!, secrets: () => box, isWorkingDay: () => true },
      email: createEmailSender({ smtpUrl: undefined, from }),
    },
  });
  const stop = (): void => worker.shutdown();
  process.once('SIGTERM', stop);
  process.stdout.write('worker ready\n');
  await worker.run();
  await connection.close();
  await db.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
