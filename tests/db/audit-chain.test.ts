import { AuditChainCheck, auditRowHash, GENESIS, type AuditFinding } from '../../db/audit-chain';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgDb, type Db } from '../../db/client';
import { migrate, migrationFiles, MIGRATIONS_DIR } from '../../db/migrate';
import { readAuditChain, type AuditChainRow } from '../../db/queries/audit-chain';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { recordProblem, type RecordProblemInput } from '../../db/queries/record-problem';
import type { HistoryEntry } from '../../domain/problem-types';
import { auditBackfillRun } from './checks';
import { entry, snapshot, testLedger, write } from './fixtures';
import { inPglite } from './pglite';
import { withTestDatabase } from '../../servers/pg-cluster';
import { migratedPg, TestDb } from './pg';

// The audit hash chain (010_audit_chain.sql, db/audit-chain.ts) on real PostgreSQL: concurrent
// writers of one campaign make one chain, retries add nothing, and every kind of tampering done
// with SQL by someone who can switch the guards off is named, row and kind.

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

async function verify(db: Db, campaignId: string): Promise<{ count: number; findings: AuditFinding[] }> {
  const check = new AuditChainCheck();
  expect(await readAuditChain(db, campaignId, check)).toBe(true);
  const findings = check.finish();
  return { count: check.count, findings };
}

/** What an owner of the database can do: switch the table's triggers off around a statement. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await t.db.transaction(async (tx) => {
    await tx.query('alter table audit disable trigger user');
    await tx.query(sql, params);
    await tx.query('alter table audit enable trigger user');
  });
}

const steps = (n: number): HistoryEntry[] => Array.from({ length: n }, (_, i) => entry(i + 1, `step${i + 1}`, 'in_progress', 'in_progress'));

/**
 * Every problem of the campaign written as its workflow would: version v carries history 1..v, and
 * each write is sent twice at once (a retried activity racing the original).
 */
function writes(campaignId: string, versions: number): RecordProblemInput[] {
  const ledger = testLedger({ id: campaignId });
  return [1, 2, 3, 4].flatMap((no) =>
    Array.from({ length: versions }, (_, v) => write(ledger, snapshot(ledger, no, { version: v + 1 }), steps(v + 1))).flatMap((w) => [w, w]),
  );
}

async function chainOf(campaignId: string, versions = 6): Promise<AuditChainRow[]> {
  await insertCampaign(t.db, testLedger({ id: campaignId }));
  await Promise.all(writes(campaignId, versions).map((w) => recordProblem(t.db, w)));
  const rows: AuditChainRow[] = [];
  await readAuditChain(t.db, campaignId, { onHead: () => undefined, onRows: (r) => rows.push(...r) });
  return rows;
}

test('concurrent writers of one campaign form one gapless chain; retried writes add no row and move no link', async () => {
  const rows = await chainOf('chain-1');
  expect(rows.map((r) => r.chainSeq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  expect(new Set(rows.map((r) => `${r.workflowId}#${r.seq}`)).size).toBe(24);
  expect(rows[0]!.prevHash).toBe(GENESIS);
  // The TypeScript check agrees with the SQL that wrote the hashes.
  for (const [i, r] of rows.entries()) expect(r.hash).toBe(auditRowHash(i ? rows[i - 1]!.hash! : GENESIS, r));
  expect(await verify(t.db, 'chain-1')).toEqual({ count: 24, findings: [] });

  const head = (await t.db.query('select seq, hash from audit_chain_heads where campaign_id = $1', ['chain-1'])).rows;
  expect(head).toEqual([{ seq: 24, hash: rows[23]!.hash }]);
  // Every write again, all at once: nothing stored, nothing linked.
  const again = await Promise.all(writes('chain-1', 6).map((w) => recordProblem(t.db, w)));
  expect(again.every((r) => r.auditInserted === 0)).toBe(true);
  expect((await t.db.query('select seq, hash from audit_chain_heads where campaign_id = $1', ['chain-1'])).rows).toEqual(head);
  expect(await verify(t.db, 'chain-1')).toEqual({ count: 24, findings: [] });
  // A batch repeating an entry stores it once.
  const ledger = testLedger({ id: 'chain-1' });
  const dup = write(ledger, snapshot(ledger, 1, { version: 7 }), [...steps(7), steps(7)[6]!]);
  expect(await recordProblem(t.db, dup)).toMatchObject({ auditInserted: 1 });
  expect(await verify(t.db, 'chain-1')).toEqual({ count: 25, findings: [] });
});

test('the guards stand: without switching them off, nobody edits, deletes or forges a link', async () => {
  await chainOf('chain-guard', 1);
  await expect(t.db.query("update audit set summary = '改过' where campaign_id = $1", ['chain-guard'])).rejects.toThrow('审计记录只能追加');
  await expect(t.db.query('update audit_chain_heads set seq = seq - 1 where campaign_id = $1', ['chain-guard'])).rejects.toThrow('审计链尾只能前移');
  await expect(t.db.query('delete from audit_chain_heads where campaign_id = $1', ['chain-guard'])).rejects.toThrow('审计链尾只能前移');
  expect(await verify(t.db, 'chain-guard')).toEqual({ count: 4, findings: [] });
});

describe('tampering with SQL is named: which row, which kind', () => {
  test('a changed summary', async () => {
    const rows = await chainOf('chain-changed');
    const r = rows[6]!;
    await tamper("update audit set summary = '已按时完成' where workflow_id = $1 and seq = $2", [r.workflowId, r.seq]);
    expect((await verify(t.db, 'chain-changed')).findings).toEqual([
      { kind: 'changed', why: 'hash', seq: 7, row: expect.objectContaining({ problemNo: r.problemNo, at: r.at, summary: '已按时完成' }) },
    ]);
  });

  test('a row rewritten with its hash recomputed: the next row no longer points to it', async () => {
    const rows = await chainOf('chain-rewritten');
    const r = rows[9]!;
    const forged = { ...r, summary: '已按时完成' };
    await tamper("update audit set summary = '已按时完成', hash = $3 where workflow_id = $1 and seq = $2", [r.workflowId, r.seq, auditRowHash(r.prevHash!, forged)]);
    expect((await verify(t.db, 'chain-rewritten')).findings).toEqual([
      { kind: 'inserted', why: 'unlinked', seq: 11, row: expect.objectContaining({ workflowId: rows[10]!.workflowId, seq: rows[10]!.seq }) },
    ]);
  });

  test('a deleted row in the middle, and the deleted last row', async () => {
    const rows = await chainOf('chain-deleted');
    const r = rows[3]!;
    await tamper('delete from audit where workflow_id = $1 and seq = $2', [r.workflowId, r.seq]);
    expect((await verify(t.db, 'chain-deleted')).findings).toEqual([
      { kind: 'deleted', why: 'gap', seq: 4, toSeq: 4, next: expect.objectContaining({ chainSeq: 5, problemNo: rows[4]!.problemNo }) },
    ]);
    const last = rows[23]!;
    await tamper('delete from audit where workflow_id = $1 and seq = $2', [last.workflowId, last.seq]);
    expect((await verify(t.db, 'chain-deleted')).findings).toEqual([
      expect.objectContaining({ kind: 'deleted', why: 'gap', seq: 4 }),
      { kind: 'deleted', why: 'tail', seq: 24, toSeq: 24 },
    ]);
  });

  test('a forged row appended with a correct hash, past the recorded head', async () => {
    const rows = await chainOf('chain-appended');
    const last = rows[23]!;
    const forged: AuditChainRow = { ...last, workflowId: 'rectify/chain-appended/problem/2', problemNo: 2, seq: 99, chainSeq: 25, prevHash: last.hash, summary: '组长已审批' };
    await tamper(
      `insert into audit (workflow_id, seq, campaign_id, problem_no, at, actor_id, actor_name, action, summary, reason, before, after, chain_seq, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [forged.workflowId, forged.seq, forged.campaignId, forged.problemNo, forged.at, forged.actorId, forged.actorName, forged.action,
        forged.summary, forged.reason, forged.before, forged.after, 25, forged.prevHash, auditRowHash(forged.prevHash!, forged)],
    );
    expect((await verify(t.db, 'chain-appended')).findings).toEqual([
      { kind: 'inserted', why: 'past-head', seq: 25, headSeq: 24, row: expect.objectContaining({ problemNo: 2, seq: 99, summary: '组长已审批' }) },
    ]);
  });

  // Last: it drops the unique index on the chain's places, as a forger must to take a taken place.
  test('a forged row in the middle, taking a place another row holds', async () => {
    const rows = await chainOf('chain-inserted');
    const at = rows[11]!;
    const forged: AuditChainRow = { ...at, workflowId: 'rectify/chain-inserted/problem/3', problemNo: 3, seq: 50, summary: '已销号' };
    await t.db.query('drop index audit_chain');
    await tamper(
      `insert into audit (workflow_id, seq, campaign_id, problem_no, at, actor_id, actor_name, action, summary, reason, before, after, chain_seq, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [forged.workflowId, forged.seq, forged.campaignId, forged.problemNo, forged.at, forged.actorId, forged.actorName, forged.action,
        forged.summary, forged.reason, forged.before, forged.after, 12, at.prevHash, auditRowHash(at.prevHash!, forged)],
    );
    expect((await verify(t.db, 'chain-inserted')).findings).toEqual([
      { kind: 'inserted', why: 'duplicate', seq: 12, row: expect.objectContaining({ problemNo: 3, seq: 50, summary: '已销号' }) },
    ]);
  });
});

test('an unknown campaign is told apart from an empty chain', async () => {
  expect(await readAuditChain(t.db, 'no-such', new AuditChainCheck())).toBe(false);
  await insertCampaign(t.db, testLedger({ id: 'chain-empty' }));
  expect(await verify(t.db, 'chain-empty')).toEqual({ count: 0, findings: [] });
});

test('the migration chains the rows written before it, per campaign, in time order; new rows carry on', async () => {
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  const before = mkdtempSync(path.join(tmpdir(), 'rectify-migrations-'));
  try {
    for (const f of migrationFiles().filter((f) => f < '010')) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
    await migrate(db, before);
    for (const id of ['old-a', 'old-b']) {
      const ledger = testLedger({ id });
      await insertCampaign(db, ledger);
      // Problem 2's history is written first but happened later: the chain follows the time.
      await recordProblem(db, write(ledger, snapshot(ledger, 2, { version: 2 }), steps(2).map((e) => ({ ...e, at: new Date(Date.parse(e.at) + 3_600_000).toISOString() }))));
      await recordProblem(db, write(ledger, snapshot(ledger, 1, { version: 3 }), steps(3)));
    }
    expect(await migrate(db)).toEqual(['010_audit_chain.sql']);

    const order = (await db.query('select problem_no, seq, chain_seq from audit where campaign_id = $1 order by chain_seq', ['old-a'])).rows;
    expect(order).toEqual([[1, 1, 1], [1, 2, 2], [1, 3, 3], [2, 1, 4], [2, 2, 5]].map(([problem_no, seq, chain_seq]) => ({ problem_no, seq, chain_seq })));
    expect(await verify(db, 'old-a')).toEqual({ count: 5, findings: [] });
    // One chain per campaign: the same history in another campaign hashes differently.
    const hashes = async (id: string) => (await db.query<{ hash: string }>('select hash from audit where campaign_id = $1 order by chain_seq', [id])).rows.map((r) => r.hash);
    expect(new Set([...(await hashes('old-a')), ...(await hashes('old-b'))]).size).toBe(10);

    const ledger = testLedger({ id: 'old-a' });
    await recordProblem(db, write(ledger, snapshot(ledger, 1, { version: 4 }), steps(4)));
    expect(await verify(db, 'old-a')).toEqual({ count: 6, findings: [] });
  } finally {
    rmSync(before, { recursive: true, force: true });
    await db.close();
    await database.close();
  }
});

test('the backfill gives the same chain, hash for hash, on PGlite as on PostgreSQL', async () => {
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  try {
    const [pg, lite] = await Promise.all([auditBackfillRun(db), inPglite('audit-backfill')]);
    expect(lite).toEqual(pg);
    expect(pg).toMatchObject({ applied: ['010_audit_chain.sql'], verdict: { count: 9, findings: [], places: [1, 2, 3, 4, 5, 6, 7, 8, 9] } });
  } finally {
    await db.close();
    await database.close();
  }
});
