// Timing, not a test (jest only runs *.test.ts): the desk's read models on one campaign of 100,000
// problems on a real PostgreSQL. For each page: the wall time of the whole query function (median
// of 7 warm runs) and EXPLAIN ANALYZE of each statement it sends.
//   npx tsx tests/db/perf/desk-100k.ts [--problems 100000] [--plans] [--url URL]
// --url: time a database loaded before (by this script's loader) instead of building one.
import { type Db, pgDb } from '../../../db/client';
import { queryLedger } from '../../../db/queries/ledger';
import { markNotificationsRead, myNotifications } from '../../../db/queries/my-notifications';
import { myTasks } from '../../../db/queries/my-tasks';
import { campaignOverview } from '../../../db/queries/overview';
import { problemNotifications } from '../../../db/queries/problem-notifications';
import { supervisionList, supervisionNotice } from '../../../db/queries/supervision';
import { migratedPg } from '../pg';
import { DEPARTMENTS, loadPerfCampaign, PERF_ID as ID, PERF_TODAY as today } from './desk-load';

const args = process.argv.slice(2);
const COUNT = Number(args[args.indexOf('--problems') + 1] || 100_000) || 100_000;
const PLANS = args.includes('--plans');
const URL = args.includes('--url') ? args[args.indexOf('--url') + 1] : undefined;

/** A Db that remembers the statements sent through it, to explain them afterwards. */
function recording(db: Db): Db & { sent: [string, unknown[]][] } {
  const sent: [string, unknown[]][] = [];
  return { ...db, sent, query: (sql, params) => (sent.push([sql, params ?? []]), db.query(sql, params)), kind: db.kind };
}

async function measure(db: Db, label: string, fn: (db: Db) => Promise<unknown>): Promise<void> {
  const rec = recording(db);
  await fn(rec); // warm-up, and the statements to explain
  const walls: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await fn(db);
    walls.push(performance.now() - t0);
  }
  walls.sort((a, b) => a - b);
  const explained: string[] = [];
  for (const [sql, params] of rec.sent) {
    if (/^\s*update/i.test(sql)) continue;
    const { rows } = await db.query<{ 'QUERY PLAN': [{ 'Execution Time': number; Plan: { 'Node Type': string } }] }>(`explain (analyze, format json) ${sql}`, params);
    const plan = rows[0]!['QUERY PLAN'][0];
    explained.push(`${plan['Execution Time'].toFixed(1)}`);
    if (PLANS) {
      const { rows: text } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze) ${sql}`, params);
      console.log(text.map((r) => `      ${r['QUERY PLAN']}`).join('\n'));
    }
  }
  console.log(`${label.padEnd(58)} wall ${walls[3]!.toFixed(1).padStart(6)} ms   statements (EXPLAIN ANALYZE ms): ${explained.join(' + ')}`);
}

async function main(): Promise<void> {
  const t = URL ? { db: pgDb(URL), close: () => Promise.resolve() } : await migratedPg();
  try {
    const t0 = performance.now();
    if (!URL) await loadPerfCampaign(t.db, COUNT, console.log);
    console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; today = ${today}\n`);
    const db = t.db;
    const dept = { kind: 'department', department: DEPARTMENTS[6]! } as const;
    const all = { kind: 'all' } as const;
    const base = { campaignId: ID, today, extensionApprover: 'head' } as const;
    await measure(db, 'myTasks, dept_owner (one department, 2.5k problems)', (d) => myTasks(d, { ...base, scope: dept, role: 'dept_owner', personId: 'd07-1' }));
    await measure(db, 'myTasks, leader (12.5k problems in remit)', (d) => myTasks(d, { ...base, scope: { kind: 'leader', personId: 'leader3' }, role: 'leader', personId: 'leader3' }));
    await measure(db, 'myTasks, office (+ extensions)', (d) => myTasks(d, { ...base, scope: all, role: 'office', personId: 'clerk', extensionApprover: 'office' }));
    await measure(db, 'myTasks, head (+ extensions)', (d) => myTasks(d, { ...base, scope: all, role: 'head', personId: 'sec' }));
    await measure(db, 'campaignOverview, all', (d) => campaignOverview(d, { campaignId: ID, today, scope: all }));
    await measure(db, 'campaignOverview, one department', (d) => campaignOverview(d, { campaignId: ID, today, scope: dept }));
    await measure(db, 'supervisionList, all (first 200 of the warned)', (d) => supervisionList(d, { campaignId: ID, today, scope: all }));
    await measure(db, 'supervisionList, one department', (d) => supervisionList(d, { campaignId: ID, today, scope: dept }));
    await measure(db, 'supervisionNotice, one problem', (d) => supervisionNotice(d, { campaignId: ID, no: 50_007 }));
    await measure(db, 'problemNotifications, one problem', (d) => problemNotifications(d, { campaignId: ID, no: 50_007 }));
    await measure(db, 'myNotifications, clerk (every red warning), 20', (d) => myNotifications(d, { recipientId: 'clerk', limit: 20 }));
    await measure(db, 'myNotifications, clerk in the campaign, 20', (d) => myNotifications(d, { recipientId: 'clerk', campaignId: ID, limit: 20 }));
    await measure(db, 'myNotifications, a department member, 20', (d) => myNotifications(d, { recipientId: 'd07-2', limit: 20 }));
    await measure(db, 'markNotificationsRead, 20 ids', async (d) => {
      const { items } = await myNotifications(d, { recipientId: 'd07-2', limit: 20 });
      return markNotificationsRead(d, { recipientId: 'd07-2', ids: items.map((n) => n.id) });
    });
    await measure(db, 'ledger: heatmap cell (dept, overdue, one week)', (d) =>
      queryLedger(d, { campaignId: ID, today, department: DEPARTMENTS[6], overdue: true, deadlineFrom: '2025-03-03', deadlineTo: '2025-03-09', pageSize: 50 }));
  } finally {
    await t.close();
    if (URL) await t.db.close();
  }
}

void main();
