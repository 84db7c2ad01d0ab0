import type { Client, Connection } from '@temporalio/client';
import type { Db } from '../db/client';
import { env } from '../services/env';
import { readRuntime } from '../services/runtime';
import { UserError } from '../domain/errors';
import * as lazy from './lazy';

/**
 * Lazily opened connections shared by one CLI invocation; their libraries are loaded on first use
 * too (./lazy), so that --help needs neither and the database commands never load Temporal.
 */
export class Context {
  private client?: Client;
  private connection?: Connection;
  private db?: Db;
  /** Turns the workflow's refusals into UserErrors; Temporal's errors exist only once temporal() has loaded its client. */
  refusal: (e: unknown) => UserError | undefined = () => undefined;

  async temporal(): Promise<Client> {
    if (this.client) return this.client;
    const { Client, Connection } = lazy.temporalClient();
    this.refusal = lazy.actions().refusal;
    const address = process.env.TEMPORAL_ADDRESS ?? readRuntime()?.temporalAddress ?? env().TEMPORAL_ADDRESS;
    this.connection = await Connection.connect({ address, connectTimeout: '5 seconds' });
    this.client = new Client({ connection: this.connection, namespace: env().TEMPORAL_NAMESPACE });
    return this.client;
  }

  async database(): Promise<Db> {
    if (this.db) return this.db;
    const url = env().DATABASE_URL ?? readRuntime()?.databaseUrl;
    if (!url) throw new UserError('找不到数据库：请先在另一个终端运行 npm start，或设置 DATABASE_URL');
    const db = lazy.pgDatabase().pgDb(url);
    // A database no worker has touched yet gets its tables here: migrations are idempotent and
    // serialised by an advisory lock, and cost one read when nothing is missing.
    try {
      await lazy.migrations().migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    this.db = db;
    return db;
  }

  get taskQueue(): string {
    return env().RECTIFY_TASK_QUEUE;
  }

  async close(): Promise<void> {
    await this.connection?.close();
    await this.db?.close();
  }
}
