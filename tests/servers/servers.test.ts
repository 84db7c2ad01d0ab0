// Real servers, real answers: each test starts one of the project's servers and asks it something.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { Client } from 'pg';
import { createFreshDatabase, startThrowawayCluster, withTestDatabase } from '../../servers/pg-cluster';
import { createDevServerEnv, createTimeSkippingEnv, startDevServerProcess } from '../../servers/temporal-env';
import { serverPaths } from '../../servers/paths';
import { startTemporalProfile } from '../../servers/temporal-profile';

const DAY = 24 * 3600 * 1000;

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const v = await f();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return v;
}

async function query1(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ n: number }>('select 1 as n')).rows[0]?.n ?? -1;
  } finally {
    await c.end();
  }
}

beforeAll(() => serverPaths()); // provisioning (slow once) is not part of any measured start time

test('time-skipping test server starts and skips time', async () => {
  const env = await timed('time-skipping env start', () => createTimeSkippingEnv());
  try {
    expect(env.supportsTimeSkipping).toBe(true);
    const before = await env.currentTimeMs();
    await env.sleep('1 day'); // skipped, not waited
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(DAY);
  } finally {
    await env.teardown();
  }
});

test('dev server env starts with custom search attributes', async () => {
  const key = defineSearchAttributeKey('RectifyServersProbe', SearchAttributeType.KEYWORD);
  const env = await timed('dev server env start', () => createDevServerEnv([key]));
  try {
    expect(env.supportsTimeSkipping).toBe(false);
    const res = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(res.customAttributes ?? {})).toContain(key.name);
  } finally {
    await env.teardown();
  }
});

test('file-backed dev server process starts, answers and persists to its SQLite file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-dev-'));
  const dbFile = path.join(dir, 'temporal.db');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await timed('dev server process start (file-backed)', () =>
    startDevServerProcess({ dbFile, port, searchAttributes: { RectifyServersProbe: 'Keyword' } }),
  );
  try {
    const conn = await Connection.connect({ address: server.address });
    const ns = await conn.workflowService.describeNamespace({ namespace: 'default' });
    expect(ns.namespaceInfo?.name).toBe('default');
    const sa = await conn.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(sa.customAttributes?.RectifyServersProbe).toBeDefined();
    await conn.close();
    expect(statSync(dbFile).size).toBeGreaterThan(0);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the restartable dev profile comes back on the same address with its workflows', async () => {
  const key = defineSearchAttributeKey('RectifyServersProbe', SearchAttributeType.KEYWORD);
  const server = await timed('dev profile start (restartable)', () => startTemporalProfile('dev', { searchAttributes: [key], restartable: true }));
  const describe = async () => {
    const connection = await Connection.connect({ address: server.address });
    try {
      return await new TemporalClient({ connection }).workflow.getHandle('rectify-profile-probe').describe();
    } finally {
      await connection.close();
    }
  };
  try {
    // No worker is needed: a started workflow is stored state, which is what a restart must keep.
    const connection = await Connection.connect({ address: server.address });
    await new TemporalClient({ connection }).workflow.start('probeWorkflow', { workflowId: 'rectify-profile-probe', taskQueue: 'rectify-profile-probe' });
    await connection.close();
    await timed('dev profile restart', () => server.restart());
    expect((await describe()).status.name).toBe('RUNNING');
  } finally {
    await server.stop();
  }
});

test('throwaway PostgreSQL cluster answers, fresh databases come and go', async () => {
  const cluster = await timed('pg cluster start', () => startThrowawayCluster());
  try {
    expect(await query1(cluster.url)).toBe(1);
    const db = await createFreshDatabase(cluster.url);
    const name = new URL(db.url).pathname.slice(1);
    expect(await query1(db.url)).toBe(1);
    const exists = async (): Promise<boolean> => {
      const c = new Client({ connectionString: cluster.url });
      await c.connect();
      const r = await c.query('select 1 from pg_database where datname = $1', [name]);
      await c.end();
      return r.rowCount === 1;
    };
    expect(await exists()).toBe(true);
    await db.drop();
    expect(await exists()).toBe(false);
  } finally {
    await cluster.stop();
  }
  // withTestDatabase: a fresh database on DATABASE_URL's server, or on its own cluster.
  const t = await withTestDatabase();
  try {
    expect(await query1(t.url)).toBe(1);
    expect(new URL(t.url).pathname).toMatch(/^\/rectify_t_/);
  } finally {
    await t.close();
  }
});
