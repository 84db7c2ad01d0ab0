import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { pgDb, type Db } from '../../db/client';
import { migrate } from '../../db/migrate';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertNotifications, type NotifyInput } from '../../db/queries/insert-notifications';
import { newProblemsOf } from '../../domain/campaign';
import type { RobotProvider } from '../../domain/contacts';
import { isWorkingDay } from '../../domain/calendar';
import { deliveryDispatcherWorkflowId, parseQuietHours } from '../../domain/delivery';
import { problemWorkflowId } from '../../domain/ids';
import type { CampaignLedger } from '../../domain/schemas';
import type { DeliveryDeps } from '../../services/delivery/config';
import { createEmailSender } from '../../services/delivery/email';
import { SecretBox } from '../../services/secrets';
import { withTestDatabase } from '../../servers/pg-cluster';
import { createDevServerEnv, createTimeSkippingEnv } from '../../servers/temporal-env';
import { createWorker } from '../../worker/create-worker';
import { ensureDeliveryDispatcher } from '../../worker/dispatcher';
import { SEARCH_ATTRIBUTE_KEYS, wakeSignal } from '../../workflows/definitions';
import { workflowBundle } from './bundle';
import { RobotSinks } from './robot-sinks';
import { SmtpSink } from './smtp-sink';
import { quietRuntime, registerSearchAttributes } from './harness';

// The delivery engine end to end: a Temporal server (time-skipping for the clock-dependent tests,
// the dev server where real time is simpler), a fresh PostgreSQL, a worker whose email goes to a
// real SMTP sink and whose robots post to local provider sinks, and the dispatcher running.

export const DESK_URL = 'https://zgb.hospital.test';
export const SECRET_KEY = 'test-secret-key-of-at-least-32-characters';

export interface DeliveryHarnessOptions {
  server: 'time-skipping' | 'dev';
  quietHours?: string;
  /** The dispatcher's safety poll (time-skipping tests skip days: keep it long). */
  pollEveryMs?: number;
  /** Working days for the send window (default China's, as in production); real-time tests pass every day. */
  isWorkingDay?: (date: string) => boolean;
}

export class DeliveryHarness {
  private running?: Promise<void>;
  readonly taskQueue = `delivery-${randomUUID()}`;
  readonly box = new SecretBox(SECRET_KEY);

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: Db,
    readonly smtp: SmtpSink,
    readonly robots: RobotSinks,
    private readonly deps: DeliveryDeps,
    private readonly closeDatabase: () => Promise<void>,
    /** For a CLI subprocess. */
    readonly databaseUrl: string,
  ) {}

  static async start(o: DeliveryHarnessOptions): Promise<DeliveryHarness> {
    quietRuntime();
    const [env, database, smtp, robots] = await Promise.all([
      o.server === 'dev' ? createDevServerEnv(SEARCH_ATTRIBUTE_KEYS) : createTimeSkippingEnv(),
      withTestDatabase(),
      SmtpSink.start(),
      RobotSinks.start(),
    ]);
    if (o.server === 'time-skipping') await registerSearchAttributes(env);
    const db = pgDb(database.url);
    await migrate(db);
    const box = new SecretBox(SECRET_KEY);
    const deps: DeliveryDeps = {
      config: {
        smtpUrl: smtp.url,
        mailFrom: `整改办 <${SmtpSink.from}>`,
        deskUrl: DESK_URL,
        quietHours: parseQuietHours(o.quietHours ?? '20-8')!,
        secrets: () => box,
        isWorkingDay: o.isWorkingDay ?? ((d) => isWorkingDay(d)),
      },
      email: createEmailSender({ smtpUrl: smtp.url, from: `整改办 <${SmtpSink.from}>` }),
    };
    const h = new DeliveryHarness(env, db, smtp, robots, deps, async () => {
      await db.close();
      await database.close();
    }, database.url);
    const worker: Worker = await createWorker({ connection: env.nativeConnection, taskQueue: h.taskQueue, db, workflowBundle: workflowBundle(), delivery: deps });
    h.running = worker.run();
    h.shutdown = () => worker.shutdown();
    await ensureDeliveryDispatcher(env.client, h.taskQueue, { pollEveryMs: o.pollEveryMs ?? 6 * 3600_000 });
    return h;
  }

  private shutdown: () => void = () => undefined;

  get client() {
    return this.env.client;
  }

  now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  async startProblems(ledger: CampaignLedger, nos?: number[]): Promise<void> {
    await insertCampaign(this.db, ledger);
    const wanted = newProblemsOf(ledger).filter((p) => !nos || nos.includes(p.problem.no));
    await Promise.all(
      wanted.map((create) => this.client.workflow.start('problemWorkflow', { workflowId: problemWorkflowId(ledger.id, create.problem.no), taskQueue: this.taskQueue, args: [{ create }] })),
    );
  }

  async contact(personId: string, c: { email?: string; dingtalk?: string; wecom?: string; feishu?: string; channels?: string[] }): Promise<void> {
    await this.db.query(
      `insert into contacts (person_id, email, dingtalk_userid, wecom_userid, feishu_open_id, channels) values ($1, $2, $3, $4, $5, $6)
       on conflict (person_id) do update set email = excluded.email, dingtalk_userid = excluded.dingtalk_userid,
         wecom_userid = excluded.wecom_userid, feishu_open_id = excluded.feishu_open_id, channels = excluded.channels`,
      [personId, c.email ?? null, c.dingtalk ?? null, c.wecom ?? null, c.feishu ?? null, c.channels ?? null],
    );
  }

  /** A robot of a department's group (null: the office's), registered with the sink; returns its id. */
  async robot(campaignId: string, department: string | null, provider: RobotProvider, opts: { token?: string; secret?: string | null; sinkSecret?: string | null; limits?: { max: number; perMs: number }[] } = {}): Promise<{ id: number; token: string }> {
    const token = opts.token ?? randomUUID().replace(/-/g, '');
    const secret = opts.secret === undefined ? (provider === 'wecom' ? null : `SEC${randomUUID().replace(/-/g, '')}`) : opts.secret;
    // The sink may know another secret than the one stored: that is how a signature error is made.
    const webhook = this.robots.add(provider, token, opts.sinkSecret === undefined ? secret : opts.sinkSecret, opts.limits);
    const { rows: [r] } = await this.db.query<{ id: number }>(
      'insert into robots (campaign_id, department, provider, name, webhook_enc, secret_enc) values ($1, $2, $3, $4, $5, $6) returning id',
      [campaignId, department, provider, `${department ?? '办公室'}${provider}群`, this.box.seal(webhook), secret ? this.box.seal(secret) : null],
    );
    return { id: Number(r!.id), token };
  }

  /** Queues notices as a workflow would, and wakes the dispatcher. */
  async notify(input: NotifyInput): Promise<void> {
    await insertNotifications(this.db, input);
    await this.wake();
  }

  wake(): Promise<void> {
    return this.client.workflow.getHandle(deliveryDispatcherWorkflowId(this.taskQueue)).signal(wakeSignal);
  }

  deliveries(where = 'true', params: unknown[] = []) {
    return this.db.query<{ id: number; recipient_id: string; channel: string; status: string; not_before: Date; sent_at: Date | null; last_error: string | null; answer: unknown; attempts: number; kind: string; message_id: number | null }>(
      `select d.*, n.kind from deliveries d join notifications n on n.id = d.notification_id where ${where} order by d.id`,
      params,
    ).then((r) => r.rows);
  }

  async close(): Promise<void> {
    await this.env.client.workflow.getHandle(deliveryDispatcherWorkflowId(this.taskQueue)).terminate('test over').catch(() => undefined);
    this.shutdown();
    await this.running;
    this.deps.email.close();
    await Promise.all([this.smtp.close(), this.robots.close()]);
    await this.closeDatabase();
    await this.env.teardown();
  }
}
