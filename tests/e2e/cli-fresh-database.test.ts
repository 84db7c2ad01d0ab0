import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { explain } from '../../client/errors';
import { pgDb } from '../../db/client';
import { migrationFiles } from '../../db/migrate';
import { addDays, shanghaiDate } from '../../domain/dates';
import { withTestDatabase } from '../../servers/pg-cluster';
import { createDevServerEnv } from '../../servers/temporal-env';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/definitions';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// The CLI on a database no worker has touched: it creates the tables itself, and no raw SQL error
// ever reaches the terminal.

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/rectify.js');
let env: TestWorkflowEnvironment;
let database: Awaited<ReturnType<typeof withTestDatabase>>;
let dir: string;

beforeAll(async () => {
  [env, database] = await Promise.all([createDevServerEnv(SEARCH_ATTRIBUTE_KEYS), withTestDatabase()]);
  dir = mkdtempSync(path.join(tmpdir(), 'rectify-fresh-'));
});
afterAll(async () => {
  await database?.close();
  await env?.teardown();
});

const rectify = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], {
    env: { ...process.env, TEMPORAL_ADDRESS: env.address, DATABASE_URL: database.url, RECTIFY_TASK_QUEUE: `fresh-${process.pid}`, RECTIFY_DATA_DIR: dir },
    timeout: 60_000,
  }).then((r) => r.stdout);

test('campaign create on a fresh database, before any worker ran: the tables are created and the campaign starts', async () => {
  const db = pgDb(database.url);
  try {
    const before = await db.query("select count(*)::int as n from information_schema.tables where table_schema = 'public'");
    expect(before.rows[0]).toEqual({ n: 0 });

    const ledger = smallLedger({ id: uniqueId('fresh'), concentratedPeriodEnd: addDays(shanghaiDate(Date.now()), 90) });
    const file = path.join(dir, 'ledger.json');
    writeFileSync(file, JSON.stringify(ledger));
    expect(await rectify('campaign', 'create', '--file', file)).toContain(`已创建巡察整改 ${ledger.id}`);

    const { rows } = await db.query<{ name: string }>('select name from migrations order by name');
    expect(rows.map((r) => r.name)).toEqual(migrationFiles());
    expect((await db.query('select id from campaigns')).rows).toEqual([{ id: ledger.id }]);
    // A second command finds the schema complete and reads the ledger.
    expect(await rectify('ls', '-c', ledger.id)).toContain(ledger.problems[0]!.title);
  } finally {
    await db.close();
  }
});

test('a database error is told in one Chinese line, never as the raw SQL message', async () => {
  const db = pgDb(database.url);
  const err = await db.query('select * from no_such_table').then(() => undefined, (e: unknown) => e);
  await db.close();
  const line = explain(err);
  expect(line).toBe('数据库操作失败（PostgreSQL 错误 42P01）：请检查 DATABASE_URL 所指的数据库，或联系系统管理员');
  expect(line).not.toContain('relation');
});
