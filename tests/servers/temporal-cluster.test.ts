// The cluster profile: Temporal's own server on PostgreSQL, started by servers/temporal-cluster.ts.
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { startThrowawayCluster, type ThrowawayCluster } from '../../servers/pg-cluster';
import { startTemporalCluster, type TemporalCluster } from '../../servers/temporal-cluster';
import { SEARCH_ATTRIBUTE_KEYS, SearchAttributes } from '../../workflows/definitions';

let pg: ThrowawayCluster;
let cluster: TemporalCluster;
let dir: string;
const said: string[] = [];
beforeAll(async () => {
  pg = await startThrowawayCluster();
  dir = mkdtempSync(path.join(tmpdir(), 'rectify-cluster-test-'));
  cluster = await startTemporalCluster({ searchAttributes: SEARCH_ATTRIBUTE_KEYS, shards: 6, pg, dir, say: (s) => void said.push(s) });
});
afterAll(async () => {
  await cluster?.stop();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(f: (c: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: cluster.address });
  try {
    return await f(new Client({ connection }));
  } finally {
    await connection.close();
  }
}

test('runs on PostgreSQL with the shards asked for, its schemas set up by the SQL tool, the namespace and search attributes created through the API', async () => {
  const info = await withClient((c) => c.workflowService.getClusterInfo({}));
  expect(info.historyShardCount).toBe(6);
  expect(info.persistenceStore).toBe('postgres12');
  expect(info.visibilityStore).toBe('postgres12');
  const db = new PgClient({ connectionString: pg.url });
  await db.connect();
  const { rows } = await db.query<{ datname: string }>(`select datname from pg_database where datname like 'temporal%' order by 1`);
  await db.end();
  expect(rows.map((r) => r.datname)).toEqual(['temporal', 'temporal_visibility']);
  const attrs = await withClient((c) => c.connection.operatorService.listSearchAttributes({ namespace: 'default' }));
  expect(Object.keys(attrs.customAttributes ?? {}).sort()).toEqual(SEARCH_ATTRIBUTE_KEYS.map((k) => k.name).sort());
  expect(said.join('\n')).toContain('命名空间与搜索属性已创建');
});

test('keeps workflows across a restart and a second start on the same database, and lists them by search attribute', async () => {
  await withClient((c) =>
    c.workflow.start('neverPolled', { taskQueue: 'nobody', workflowId: 'kept-1', typedSearchAttributes: [{ key: SearchAttributes.campaign, value: 'kept' }] }),
  );
  await cluster.restart();
  const listed = await withClient(async (c) => {
    for (let i = 0; i < 50; i++) {
      const ids: string[] = [];
      for await (const w of c.workflow.list({ query: `${SearchAttributes.campaign.name} = 'kept'` })) ids.push(w.workflowId);
      if (ids.length) return ids;
      await new Promise((r) => setTimeout(r, 200));
    }
    return [];
  });
  expect(listed).toEqual(['kept-1']);
  // A second start on the same PostgreSQL and folder (npm run start:cluster the next day): nothing to create.
  said.length = 0;
  await cluster.stop();
  cluster = await startTemporalCluster({ searchAttributes: SEARCH_ATTRIBUTE_KEYS, shards: 6, pg, dir, say: (s) => void said.push(s) });
  expect(said.join('\n')).not.toContain('命名空间与搜索属性已创建');
  expect(said.filter((s) => s.includes('已存在'))).toHaveLength(2);
  const described = await withClient((c) => c.workflow.getHandle('kept-1').describe());
  expect(described.status.name).toBe('RUNNING');
});
