import { Client, Connection } from '@temporalio/client';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Db, pgDb } from '../db/client';
import { env } from '../worker/env';
import { UserError } from './errors';

/** Written by `npm start` so the CLI finds the embedded servers without any configuration. */
export const RuntimeSchema = z.object({ temporalAddress: z.string(), databaseUrl: z.string(), uiUrl: z.string().optional() });
export type Runtime = z.infer<typeof RuntimeSchema>;

export const runtimeFile = () => path.resolve(env().RECTIFY_DATA_DIR, 'runtime.json');

function runtime(): Runtime | undefined {
  const file = runtimeFile();
  if (!existsSync(file)) return undefined;
  const r = RuntimeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return r.success ? r.data : undefined;
}

/** Lazily opened connections shared by one CLI invocation. */
export class Context {
  private client?: Client;
  private connection?: Connection;
  private db?: Db;

  async temporal(): Promise<Client> {
    if (this.client) return this.client;
    const address = process.env.TEMPORAL_ADDRESS ?? runtime()?.temporalAddress ?? env().TEMPORAL_ADDRESS;
    this.connection = await Connection.connect({ address, connectTimeout: '5 seconds' });
    this.client = new Client({ connection: this.connection, namespace: env().TEMPORAL_NAMESPACE });
    return this.client;
  }

  async database(): Promise<Db> {
    if (this.db) return this.db;
    const url = env().DATABASE_URL ?? runtime()?.databaseUrl;
    if (!url) throw new UserError('找不到数据库：请先在另一个终端运行 npm start，或设置 DATABASE_URL');
    this.db = pgDb(url);
    return this.db;
  }

  get taskQueue(): string {
    return env().RECTIFY_TASK_QUEUE;
  }

  async close(): Promise<void> {
    await this.connection?.close();
    await this.db?.close();
  }
}
