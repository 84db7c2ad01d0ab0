import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { recordProblem } from '../../db/queries/record-problem';
import { entry, snapshot, testLedger, write } from '../db/fixtures';
import { migratedPg, type TestDb } from '../db/pg';

// `rectify audit verify` needs only the database: no Temporal server here.

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/rectify.js');
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await migratedPg();
  dir = mkdtempSync(path.join(tmpdir(), 'rectify-audit-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

async function rectify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: t.url, RECTIFY_DATA_DIR: dir };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('audit verify: intact, then a changed, a deleted and a forged row each named on its own line, exit 1', async () => {
  const ledger = testLedger({ id: 'cli-audit' });
  await insertCampaign(t.db, ledger);
  await Promise.all(
    [1, 2, 3].map((no) =>
      recordProblem(t.db, write(ledger, snapshot(ledger, no, { version: 3 }), [1, 2, 3].map((n) => entry(n, `step${n}`, 'in_progress', 'in_progress')))),
    ),
  );
  expect(await rectify('audit', 'verify', '-c', 'cli-audit')).toEqual({ code: 0, stdout: '审计链完整：9 条记录\n', stderr: '' });

  const { rows } = await t.db.query<{ chain_seq: number; workflow_id: string; seq: number; problem_no: number }>(
    'select chain_seq, workflow_id, seq, problem_no from audit where campaign_id = $1 order by chain_seq', ['cli-audit']);
  const [, second, , , fifth] = rows;
  await t.db.transaction(async (tx) => {
    await tx.query('alter table audit disable trigger user');
    await tx.query("update audit set summary = '整改已完成' where workflow_id = $1 and seq = $2", [second!.workflow_id, second!.seq]);
    await tx.query('delete from audit where workflow_id = $1 and seq = $2', [fifth!.workflow_id, fifth!.seq]);
    await tx.query(
      `insert into audit (workflow_id, seq, campaign_id, problem_no, at, actor_id, actor_name, action, summary, before, after, chain_seq, prev_hash, hash)
       select workflow_id, 40, campaign_id, problem_no, at, actor_id, actor_name, 'approveClosure', '同意销号', before, after, 10, hash, repeat('f', 64)
       from audit where campaign_id = $1 and chain_seq = 9`,
      ['cli-audit'],
    );
    await tx.query('alter table audit enable trigger user');
  });
  const broken = await rectify('audit', 'verify', '-c', 'cli-audit');
  expect(broken.code).toBe(1);
  const lines = broken.stdout.trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(new RegExp(`^第2条审计记录内容被改动（问题${second!.problem_no}，2025-01-06 09:0\\d，step\\d）$`));
  expect(lines[1]).toMatch(/^第5条审计记录被删除（其后的第6条：问题\d，2025-01-06 09:0\d，step\d）$/);
  expect(lines[2]).toMatch(/^第10条审计记录是插入的：在链尾（第9条）之后（问题\d，2025-01-06 09:0\d，approveClosure）$/);
  expect(broken.stderr.trim()).toBe('错误：审计链不完整：3 处问题，共读到 9 条记录');

  expect(await rectify('audit', 'verify', '-c', 'no-such')).toMatchObject({ code: 1, stdout: '', stderr: '错误：找不到巡察整改 no-such\n' });
});
