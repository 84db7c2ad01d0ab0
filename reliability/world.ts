// Everything a fault script runs on, all real: a Temporal server (RECTIFY_TEMPORAL_PROFILE's), rectify's
// own PostgreSQL cluster (so it can be stopped), the client, and workers as child processes.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgDb, type Db } from '../db/client';
import { migrate } from '../db/migrate';
import { createFreshDatabase, startThrowawayCluster, type ThrowawayCluster } from '../servers/pg-cluster';
import { startTemporalProfile, type RestartableTemporal } from '../servers/temporal-profile';
import { env } from '../services/env';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';

export const say = (s: string): void => void process.stderr.write(`${s}\n`);

export interface World {
  temporal: RestartableTemporal;
  pg: ThrowawayCluster;
  dbUrl: string;
  db: Db;
  client: Client;
  taskQueue: string;
  /** The real workflows, bundled once into a file every worker process loads. */
  bundleFile: string;
  startWorker(bundleFile?: string, env?: Record<string, string>): Promise<WorkerProcess>;
  close(): Promise<void>;
}

const quiet = () => undefined;
export const QUIET_LOGGER = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: (m: string) => say(m), log: quiet };

/** Writes a bundle of `workflowsPath` (default: the real workflows) to a temp file. */
export async function bundleToFile(workflowsPath = require.resolve('../workflows')): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: QUIET_LOGGER });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-faults-bundle-')), 'workflows.js');
  writeFileSync(file, code);
  return file;
}

export async function openWorld(name: string): Promise<World> {
  // Restartable: the scripts stop and start Temporal mid-run, and its state must survive that.
  const [temporal, pg, bundleFile] = await Promise.all([
    startTemporalProfile(env().RECTIFY_TEMPORAL_PROFILE, { searchAttributes: SEARCH_ATTRIBUTE_KEYS, restartable: true }),
    startThrowawayCluster(),
    bundleToFile(),
  ]);
  const database = await createFreshDatabase(pg.url);
  const db = pgDb(database.url);
  await migrate(db);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const taskQueue = `faults-${name}-${process.pid}`;
  const workers = new Set<WorkerProcess>();
  return {
    temporal, pg, dbUrl: database.url, db, client, taskQueue, bundleFile,
    async startWorker(bundle = bundleFile, env = {}) {
      const w = await WorkerProcess.start({ ...env, FAULT_TEMPORAL: temporal.address, FAULT_DATABASE_URL: database.url, FAULT_TASK_QUEUE: taskQueue, FAULT_BUNDLE: bundle });
      workers.add(w);
      void w.exited.then(() => workers.delete(w));
      return w;
    },
    async close() {
      for (const w of workers) await w.kill();
      await db.close();
      // The client connection is not closed: a send abandoned by the load (its answer no longer
      // awaited) may still be retrying, and a retry on a closed channel throws from a timer. The
      // script exits right after this (scenario.ts main), which ends it.
      await Promise.all([pg.stop(), temporal.stop()]);
      rmSync(path.dirname(bundleFile), { recursive: true, force: true });
    },
  };
}

/** A worker process (reliability/worker-child.ts). */
export class WorkerProcess {
  private tail = '';
  private constructor(
    private readonly child: ChildProcess,
    readonly exited: Promise<void>,
  ) {
    // Both streams: the SDK's core writes its own log lines (a failing workflow task, say) to stdout.
    const keep = (d: Buffer) => void (this.tail = (this.tail + d.toString()).slice(-50_000));
    child.stderr!.on('data', keep);
    child.stdout!.on('data', keep);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** What the worker wrote to stdout and stderr (the last 50,000 characters). */
  get output(): string {
    return this.tail;
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    // --import runs the worker in this very process: tsx's CLI would fork one that a SIGKILL misses.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-child.ts')], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // If this script dies without stopping it, the worker must not outlive it.
    const guard = (): void => void child.kill('SIGKILL');
    process.once('exit', guard);
    const exited = new Promise<void>((resolve) => child.once('exit', () => (process.removeListener('exit', guard), resolve())));
    const w = new WorkerProcess(child, exited);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
      child.once('exit', (code) => reject(new Error(`worker 进程在就绪前退出（${code}）：\n${w.tail}`)));
    });
    return w;
  }

  /** SIGKILL by default: no shutdown, no flush, whatever was in flight is cut off. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }
}
