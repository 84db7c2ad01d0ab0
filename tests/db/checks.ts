// Checks run identically on both backends: in the jest process against PostgreSQL, and in a child
// process against PGlite (see pglite.ts for why). Results are plain JSON so they can cross over.
import type { Db } from '../../db/client';
import { migrate } from '../../db/migrate';
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
      audit: await raw('select * from audit order by workflow_id, seq'),
      snapshots: await raw('select * from campaign_snapshots'),
    },
  });
}
