// Checks run identically on both backends: in the jest process against PostgreSQL, and in a child
// process against PGlite (see pglite.ts for why). Results are plain JSON so they can cross over.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/client';
import { AuditChainCheck } from '../../db/audit-chain';
import { migrate, migrationFiles, MIGRATIONS_DIR } from '../../db/migrate';
import { readAuditChain } from '../../db/queries/audit-chain';
import { campaignStats } from '../../db/queries/campaign-stats';
import { getCampaign } from '../../db/queries/get-campaign';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertCampaignEvent } from '../../db/queries/insert-campaign-event';
import { insertNotifications } from '../../db/queries/insert-notifications';
import { listCampaignEvents } from '../../db/queries/list-campaign-events';
import { listNotifications } from '../../db/queries/list-notifications';
import { queryLedger } from '../../db/queries/ledger';
import { recordProblem } from '../../db/queries/record-problem';
import { writeSnapshot } from '../../db/queries/write-snapshot';
import { scenario, testLedger } from './fixtures';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Columns whose value is the clock at write time: equal in kind, never in value. */
const VOLATILE = new Set(['createdAt', 'created_at', 'updated_at', 'updatedAt', 'taken_at', 'applied_at']);

/**
 * JSON that keeps what the comparison is about: a Date becomes {$date: iso} (so a Date never equals
 * a string), volatile timestamps {$date: '*'}. Date is tested by tag, not instanceof: rows may come
 * from another realm.
 */
export function normalise(v: unknown, key = ''): Json {
  if (v === null || v === undefined) return null;
  if (Object.prototype.toString.call(v) === '[object Date]') return { $date: VOLATILE.has(key) ? '*' : (v as Date).toISOString() };
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x, k)]));
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  throw new Error(`unexpected ${typeof v} at ${key}`);
}

export async function tableNames(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
  );
  return rows.map((r) => r.name);
}

export interface MigrationCheck {
  tablesBefore: string[];
  firstRun: string[];
  tablesAfterFirst: string[];
  secondRun: string[];
  tablesAfterSecond: string[];
  problemsKept: number;
  recorded: string[];
}

/** Migrates an empty database, loads a ledger, migrates again. */
export async function migrationCheck(db: Db, firstRun: () => Promise<string[]> = () => migrate(db)): Promise<MigrationCheck> {
  const tablesBefore = await tableNames(db);
  const first = await firstRun();
  const tablesAfterFirst = await tableNames(db);
  await insertCampaign(db, testLedger());
  const secondRun = await migrate(db);
  const { rows: [kept] } = await db.query<{ n: number }>('select count(*) as n from problems');
  const { rows: recorded } = await db.query<{ name: string }>('select name from migrations order by name');
  return {
    tablesBefore,
    firstRun: first,
    tablesAfterFirst,
    secondRun,
    tablesAfterSecond: await tableNames(db),
    problemsKept: kept?.n ?? -1,
    recorded: recorded.map((r) => r.name),
  };
}

/** Every query module on the hand-made campaign; raw table rows too, to compare column types. */
export async function parityRun(db: Db): Promise<Json> {
  const ledger = testLedger();
  const id = ledger.id;
  await insertCampaign(db, ledger);
  // Concurrent writers: PGlite must serialise the transactions, pg runs them side by side.
  await Promise.all(scenario(ledger).map((w) => recordProblem(db, w)));
  await insertNotifications(db, {
    campaignId: id, problemNo: 1, workflowId: 'rectify/qc-2025/problem/1',
    notifications: [{ dedupeKey: 'reminder:2025-03-31:7', kind: 'reminder', title: '整改时限提醒', body: '还有7天', recipients: [{ id: 'fin-head', name: '郑科长' }, { id: 'dean', name: '林院长' }] }],
  });
  await insertCampaignEvent(db, { campaignId: id, onDate: '2024-12-23', kind: 'meeting', text: '召开巡察整改动员部署会' });
  const raw = async (sql: string) => (await db.query(sql)).rows;
  return normalise({
    campaign: await getCampaign(db, id),
    problems: (await queryLedger(db, { campaignId: id, today: '2025-04-10' })).rows,
    overdue: (await queryLedger(db, { campaignId: id, today: '2025-04-10', overdue: true })).rows,
    notifications: await listNotifications(db, { campaignId: id }),
    stats: await campaignStats(db, id, '2025-04-10'),
    snapshot: await writeSnapshot(db, { campaignId: id, kind: 'concentrated-period-end', today: '2025-04-10' }),
    events: await listCampaignEvents(db, id),
    rows: {
      campaigns: await raw('select * from campaigns'),
      problems: await raw('select * from problems order by no'),
      measures: await raw('select * from measures order by problem_no, id'),
      evidence: await raw('select * from evidence order by problem_no, measure_id, seq'),
      progress: await raw('select * from progress_reports order by problem_no, seq'),
      // The chain's columns depend on which concurrent writer linked first: compared as a verdict below.
      audit: (await raw('select * from audit order by workflow_id, seq')).map(({ chain_seq: _s, prev_hash: _p, hash: _h, ...row }) => row),
      snapshots: await raw('select * from campaign_snapshots'),
    },
    auditChain: await auditChainVerdict(db, id),
  });
}

/** The audit chain as verify sees it, and its places: the same on both backends. */
async function auditChainVerdict(db: Db, campaignId: string): Promise<Json> {
  const check = new AuditChainCheck();
  await readAuditChain(db, campaignId, check);
  const findings = check.finish();
  const { rows } = await db.query<{ chain_seq: number }>('select chain_seq from audit where campaign_id = $1 order by chain_seq', [campaignId]);
  return normalise({ count: check.count, findings, places: rows.map((r) => r.chain_seq) });
}

/**
 * An empty database migrated up to 009, the scenario written, then 010 applied: the backfilled
 * chain, hashes included. The order depends on the rows alone, so both backends give the same.
 */
export async function auditBackfillRun(db: Db): Promise<Json> {
  const before = mkdtempSync(path.join(tmpdir(), 'rectify-before-010-'));
  try {
    for (const f of migrationFiles().filter((f) => f < '010')) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
    await migrate(db, before);
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
  const ledger = testLedger();
  await insertCampaign(db, ledger);
  await Promise.all(scenario(ledger).map((w) => recordProblem(db, w)));
  const applied = await migrate(db);
  const { rows } = await db.query('select chain_seq, problem_no, seq, prev_hash, hash from audit order by chain_seq');
  return normalise({ applied, rows, verdict: await auditChainVerdict(db, ledger.id) });
}
