// npm run bench -- ledger: the desk's ledger list over 100,000 problems. Each filter a page of 50
// asks for, timed many times through queryLedger (the read model) and through HTTP (the real
// server, signed in), against a baseline measured in the same run: a primary-key read of one
// problem row, and a signed-in GET /api/auth/me. Target: p95 < 50 ms for a filtered page.
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Db, pgDb } from '../db/client';
import { migrate } from '../db/migrate';
import { type LedgerQuery, queryLedger } from '../db/queries/ledger';
import { shanghaiDate } from '../domain/dates';
import type { LedgerScope } from '../domain/permissions';
import { buildServer } from '../server/app';
import { withTestDatabase } from '../servers/pg-cluster';
import { startDevServerProcess } from '../servers/temporal-env';
import { createAccount } from '../services/accounts';
import { evidenceStoreFor } from '../services/evidence';
import { createLogger } from '../services/logger';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';
import { Session } from './http';
import { CASES, type LedgerCase, queryString } from './ledger-cases';
import { machine, ms, Samples, say, summarize, writeSection } from './measure';
import { DEPARTMENTS, LEADERS, loadSyntheticProjection, ownerOf } from './synthetic-projection';

const ID = 'bench-ledger';
const COUNT = Number(process.env.BENCH_LEDGER_PROBLEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_LEDGER_RUNS ?? 200);
const HTTP_RUNS = Math.ceil(RUNS / 2);
const TARGET_MS = 50;
const PASSWORD = 'Rectify2026';
const BASELINE = 'baseline';
const DEPT = 6; // 纪检监察室: the department scope's account
const LEADER = LEADERS[4]!;

const scopeOf = (c: LedgerCase): LedgerScope =>
  c.as === 'dept' ? { kind: 'department', department: DEPARTMENTS[DEPT]! } : c.as === 'leader' ? { kind: 'leader', personId: LEADER } : { kind: 'all' };

/** A Db that remembers the statements sent through it, to explain the slow ones. */
function recording(db: Db): Db & { sent: [string, unknown[]][] } {
  const sent: [string, unknown[]][] = [];
  return { ...db, kind: db.kind, sent, query: (sql, params) => (sent.push([sql, params ?? []]), db.query(sql, params)) };
}

async function explain(db: Db, q: LedgerQuery): Promise<void> {
  const rec = recording(db);
  await queryLedger(rec, q);
  for (const [sql, params] of rec.sent) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
    say(rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
  }
}

async function main(): Promise<void> {
  const loadBefore = machine();
  say(`[bench] ledger list: ${COUNT} problems, ${RUNS} runs per filter (HTTP ${HTTP_RUNS}); ${loadBefore}`);
  const today = shanghaiDate(Date.now());
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  const cleanups: (() => Promise<unknown>)[] = [() => db.close(), () => database.close()];
  try {
    await migrate(db);
    let t = performance.now();
    await loadSyntheticProjection(db, ID, COUNT, today, say);
    say(`[bench] loaded and analysed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const query = (c: LedgerCase, target: Db = db) => queryLedger(target, { campaignId: ID, today, scope: scopeOf(c), pageSize: 50, ...c.q });

    // The real server on a real port, signed in as the office (and a department, a leader).
    const temporal = await startDevServerProcess({ port: 17233 + Math.floor(Math.random() * 1000), searchAttributes: SEARCH_ATTRIBUTE_KEYS });
    cleanups.unshift(() => temporal.stop());
    const connection = await Connection.connect({ address: temporal.address });
    cleanups.unshift(() => connection.close());
    const accounts = [
      { username: 'clerk1', personId: 'clerk1', role: 'office' as const },
      { username: ownerOf(DEPT), personId: ownerOf(DEPT), role: 'dept_owner' as const, department: DEPARTMENTS[DEPT] },
      { username: LEADER, personId: LEADER, role: 'leader' as const },
    ];
    for (const a of accounts) await createAccount(db, { ...a, password: PASSWORD, mustChangePassword: false }, Date.now());
    const app = await buildServer({
      db, temporal: new Client({ connection }), evidence: evidenceStoreFor(mkdtempSync(path.join(tmpdir(), 'rectify-bench-'))), logger: createLogger('silent'),
      config: { maxUploadBytes: 1024 * 1024, secureCookie: false, loginRateLimit: 1000, taskQueue: 'bench' },
    });
    cleanups.unshift(() => app.close());
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const [office, dept, leader] = await Promise.all(accounts.map((a) => Session.signIn(url, a.username, PASSWORD)));
    const sessionOf = (c: LedgerCase) => (c.as === 'dept' ? dept! : c.as === 'leader' ? leader! : office!);
    const get = async (s: Session, u: string) => {
      const r = await s.get(u);
      if (r.status !== 200) throw new Error(`GET ${u}: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    const list = (c: LedgerCase) => get(sessionOf(c), `/api/campaigns/${ID}/problems?${queryString({ pageSize: 50, ...c.q })}`);

    // Warm-up, and the same filter must mean the same rows over HTTP as in the read model.
    const totals = new Map<string, number>();
    for (const c of CASES) {
      for (let i = 0; i < 5; i++) totals.set(c.name, (await query(c)).total);
      const r = await list(c);
      if (r.body.total !== totals.get(c.name)) throw new Error(`${c.name}: HTTP total ${r.body.total}, read model ${totals.get(c.name)}`);
      for (let i = 0; i < 4; i++) await list(c);
    }
    // One request at a time; read model and HTTP, cases and baselines take turns in every round so
    // that the machine's load drifts (it is shared) weigh on all of them alike.
    const dbTimes = new Samples();
    const httpTimes = new Samples();
    const pk = (i: number) => db.query('select * from problems where campaign_id = $1 and no = $2', [ID, 1 + ((i * 7919) % COUNT)]);
    for (let i = 0; i < RUNS; i++) {
      for (const c of [undefined, ...CASES]) {
        t = performance.now();
        await (c ? query(c) : pk(i));
        dbTimes.add(c?.name ?? BASELINE, performance.now() - t);
      }
      if (i % 2 === 0) {
        httpTimes.add(BASELINE, (await get(office!, '/api/auth/me')).ms);
        httpTimes.add('healthz', (await get(office!, '/healthz')).ms);
        for (const c of CASES) httpTimes.add(c.name, (await list(c)).ms);
      }
      if ((i + 1) % 50 === 0) say(`[bench] ${i + 1}/${RUNS} rounds`);
    }

    const isCase = (k: string) => k !== BASELINE && k !== 'healthz';
    const over = (t: Samples) => CASES.filter((c) => summarize(t.get(c.name)).p95 >= TARGET_MS);
    const misses = [...new Set([...over(dbTimes), ...over(httpTimes)])];
    for (const c of process.env.BENCH_EXPLAIN ? CASES : misses) {
      say(`[bench] EXPLAIN ANALYZE, ${c.name}:`);
      await explain(db, { campaignId: ID, today, scope: scopeOf(c), pageSize: 50, ...c.q });
    }
    const dbBase = summarize(dbTimes.get(BASELINE));
    const httpBase = summarize(httpTimes.get(BASELINE));
    const health = summarize(httpTimes.get('healthz'));
    const dbAll = summarize(dbTimes.all(isCase));
    const httpAll = summarize(httpTimes.all(isCase));
    const slowest = (t: Samples) => ms(Math.max(...CASES.map((c) => summarize(t.get(c.name)).p95)));
    const missedBy = (t: Samples, where: string) => (over(t).length ? `missed ${where} by ${over(t).length} of ${CASES.length} filters (${over(t).map((c) => c.name).join('; ')})` : `**holds** ${where} for every filter`);
    const verdict = `${missedBy(dbTimes, 'in the read model')}; ${missedBy(httpTimes, 'over HTTP')}; slowest p95: read model ${slowest(dbTimes)} ms, HTTP ${slowest(httpTimes)} ms`;
    const trio = (s: ReturnType<typeof summarize>) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
    const lines = [
      `- ${COUNT.toLocaleString('en')} problems in one campaign (40 departments, 20 leaders, every status, kind and warning; deadlines ±200 days around today); PostgreSQL throwaway cluster, vacuumed and analysed after loading; ${machine().replace(/;.*/, '')}`,
      `- load: ${loadBefore.replace(/^.*?; /, '')} at the start, ${machine().replace(/^.*?; /, '')} at the end (the machine is shared)`,
      `- each filter a page of 50 (rows + total count), ${RUNS} times through \`queryLedger\` and ${HTTP_RUNS} times through HTTP, one request at a time, every filter and both baselines taking turns in each round; p50 / p95 / max in ms`,
      '',
      '| filter (office, all problems, unless noted) | matching | read model | HTTP |',
      '|---|---:|---:|---:|',
      ...CASES.map((c) => `| ${c.name} | ${totals.get(c.name)} | ${trio(summarize(dbTimes.get(c.name)))} | ${trio(summarize(httpTimes.get(c.name)))} |`),
      `| **all filters together** | | **${trio(dbAll)}** | **${trio(httpAll)}** |`,
      `| baseline: one problem row by primary key / signed-in \`GET /api/auth/me\` | 1 | ${trio(dbBase)} | ${trio(httpBase)} |`,
      `| (for reference) \`GET /healthz\` (Temporal + database probe) | | | ${trio(health)} |`,
      '',
      `- **ratio p95(filtered page) / p95(baseline): read model ${(dbAll.p95 / dbBase.p95).toFixed(1)}, HTTP ${(httpAll.p95 / httpBase.p95).toFixed(1)}**`,
      `- target p95 < ${TARGET_MS} ms: overall p95 ${ms(dbAll.p95)} ms (read model), ${ms(httpAll.p95)} ms (HTTP); ${verdict}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    say(`[bench] written to ${writeSection('ledger', 'The ledger list over 100,000 problems', lines.join('\n'))}`);
  } finally {
    for (const f of cleanups) await f().catch((e: unknown) => say(`[bench] cleanup: ${String(e)}`));
  }
}

main().catch((e: unknown) => {
  say(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
