import { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Db, pgDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { newProblemsOf } from '../../domain/campaign';
import type { ProblemData } from '../../domain/problem-types';
import type { CampaignLedger } from '../../domain/schemas';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { createFreshDatabase, withTestDatabase } from '../../servers/pg-cluster';
import { startTemporalCluster } from '../../servers/temporal-cluster';
import { addSearchAttributes, createDevServerEnv, createTimeSkippingEnv } from '../../servers/temporal-env';
import { createWorker } from '../../worker/create-worker';
import type { DeliveryDeps } from '../../services/delivery/config';
import { problemWorkflowId } from '../../domain/ids';
import { SEARCH_ATTRIBUTE_KEYS, stateQuery } from '../../workflows/definitions';
import type { problemWorkflow } from '../../workflows';
import { workflowBundle } from './bundle';

let runtimeInstalled = false;
/** Workflow logs would drown the test output; keep warnings and errors. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // A server environment created first has instantiated the runtime with its defaults.
  }
}

/** Worker settings a test may set: activity slots, and the delivery engine's settings (default: from the environment). */
export interface WorkerOpts {
  maxConcurrentActivityTaskExecutions?: number;
  delivery?: DeliveryDeps;
}

/** One environment, database and worker per test file; a unique task queue per file. */
export class Harness {
  private running?: Promise<void>;
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: Db,
    readonly worker: Worker,
    readonly taskQueue: string,
    private readonly closeDb: () => Promise<void>,
    private readonly dbUrl: string,
  ) {}

  static async timeSkipping(opts: WorkerOpts = {}): Promise<Harness> {
    quietRuntime();
    const [env, database] = await Promise.all([createTimeSkippingEnv(), withTestDatabase()]);
    await registerSearchAttributes(env);
    return Harness.start(env, database, opts);
  }

  /**
   * The dev server (temporal CLI): real visibility, so search-attribute listing works. With
   * RECTIFY_TEST_TEMPORAL=cluster (`npm run test:cluster`) every such test runs on the cluster.
   */
  static async devServer(opts: WorkerOpts = {}): Promise<Harness> {
    if (process.env.RECTIFY_TEST_TEMPORAL === 'cluster') return Harness.cluster(opts);
    quietRuntime();
    const [env, database] = await Promise.all([createDevServerEnv(SEARCH_ATTRIBUTE_KEYS), withTestDatabase()]);
    return Harness.start(env, database, opts);
  }

  /**
   * Temporal's own server on PostgreSQL (servers/temporal-cluster.ts), with 4 history shards; the
   * test's database is a fresh one on the same PostgreSQL.
   */
  static async cluster(opts: WorkerOpts = {}): Promise<Harness> {
    quietRuntime();
    const cluster = await startTemporalCluster({ searchAttributes: SEARCH_ATTRIBUTE_KEYS, say: () => undefined });
    try {
      const env = await TestWorkflowEnvironment.createFromExistingServer({ address: cluster.address });
      const database = await createFreshDatabase(cluster.pgUrl);
      return await Harness.start(env, { url: database.url, close: async () => cluster.stop() }, opts);
    } catch (e) {
      await cluster.stop();
      throw e;
    }
  }

  /** The database the harness uses, for handing to a CLI subprocess. */
  get databaseUrl(): string {
    return this.dbUrl;
  }

  static async start(env: TestWorkflowEnvironment, database: { url: string; close(): Promise<void> }, opts: WorkerOpts = {}): Promise<Harness> {
    quietRuntime();
    const db = pgDb(database.url);
    await migrate(db);
    const taskQueue = `test-${randomUUID()}`;
    const worker = await createWorker({ connection: env.nativeConnection, taskQueue, db, workflowBundle: workflowBundle(), ...opts });
    const h = new Harness(env, db, worker, taskQueue, async () => {
      await db.close();
      await database.close();
    }, database.url);
    h.running = worker.run();
    return h;
  }

  get client(): Client {
    return this.env.client;
  }

  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** Loads the ledger rows and starts the given problems' workflows (all when `nos` is absent). */
  async startProblems(ledger: CampaignLedger, nos?: number[], extra: { maxHistoryEvents?: number } = {}): Promise<WorkflowHandleWithFirstExecutionRunId<typeof problemWorkflow>[]> {
    await insertCampaign(this.db, ledger);
    const wanted = newProblemsOf(ledger).filter((p) => !nos || nos.includes(p.problem.no));
    return Promise.all(
      wanted.map((create) =>
        this.client.workflow.start<typeof problemWorkflow>('problemWorkflow', {
          workflowId: problemWorkflowId(ledger.id, create.problem.no),
          taskQueue: this.taskQueue,
          args: [{ create, ...extra }],
        }),
      ),
    );
  }

  state(handle: WorkflowHandle): Promise<ProblemData> {
    return handle.query(stateQuery);
  }

  async close(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.closeDb();
    await this.env.teardown();
  }
}

/** The Java test server refuses unregistered attributes; the dev server gets them as flags. */
export function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  return addSearchAttributes(env.connection, env.namespace ?? 'default', SEARCH_ATTRIBUTE_KEYS);
}

/** A campaign id no other test uses, so runs never see each other's rows or workflows. */
export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
