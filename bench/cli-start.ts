// npm run bench -- cli: how long `rectify` takes to answer, as a whole process, against starting
// bare Node (`node -e 0`) measured in the same rounds. Each round runs every command once, in turn,
// so a ratio compares runs made moments apart on the same machine. Measured from the build
// (dist/, built first when not current) as users run it: `node bin/rectify.js …`; from the sources
// (RECTIFY_FROM_SOURCE=1, through tsx) for comparison. Target: under 0.7 s from dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { distState } from '../bin/dist-state';
import { pgDb } from '../db/client';
import { migrate } from '../db/migrate';
import { shanghaiDate } from '../domain/dates';
import { withTestDatabase } from '../servers/pg-cluster';
import { machine, ms, say, summarize, writeSection } from './measure';
import { loadSyntheticProjection } from './synthetic-projection';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'rectify.js');
const ID = 'bench-cli';
const PROBLEMS = 200;
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 20);
const TARGET_MS = 700;

interface Case {
  name: string;
  argv: string[];
  env?: Record<string, string>;
}

async function main(): Promise<void> {
  const loadBefore = machine();
  say(`[bench] cli start: ${RUNS} rounds; ${loadBefore}`);
  if (distState() !== 'current') {
    say('[bench] dist/ is missing or stale: npm run build …');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  }
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  try {
    await migrate(db);
    await loadSyntheticProjection(db, ID, PROBLEMS, shanghaiDate(Date.now()), say);
    // Only the database: no runtime file of a local `npm start` is read, no Temporal is needed.
    const env = { ...process.env, DATABASE_URL: database.url, RECTIFY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rectify-bench-cli-')) };
    const cases: Case[] = [
      { name: 'baseline: node -e 0', argv: ['-e', '0'] },
      { name: 'rectify --help (dist/)', argv: [BIN, '--help'] },
      { name: `rectify ls -c ${ID} (dist/, ${PROBLEMS} problems)`, argv: [BIN, 'ls', '-c', ID] },
      { name: 'rectify --help (sources, tsx)', argv: [BIN, '--help'], env: { RECTIFY_FROM_SOURCE: '1' } },
      { name: `rectify ls -c ${ID} (sources, tsx)`, argv: [BIN, 'ls', '-c', ID], env: { RECTIFY_FROM_SOURCE: '1' } },
    ];
    const time = (c: Case): number => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, c.argv, { cwd: ROOT, env: { ...env, ...c.env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      const t = performance.now() - t0;
      if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
      return t;
    };
    // One warm-up round: the file cache, tsx's compile cache and the database's catalog.
    cases.forEach(time);
    const times = cases.map(() => [] as number[]);
    const ratios = cases.map(() => [] as number[]);
    for (let round = 0; round < RUNS; round++) {
      const t = cases.map(time);
      t.forEach((v, i) => {
        times[i]!.push(v);
        ratios[i]!.push(v / t[0]!);
      });
    }
    // A source edited meanwhile would have sent bin/rectify.js back to the sources: the dist/ rows would lie.
    if (distState() !== 'current') throw new Error('a source changed during the run, so dist/ was no longer used: run again');
    const loadAfter = machine();
    const rows = cases.map((c, i) => {
      const s = summarize(times[i]!);
      const r = summarize(ratios[i]!);
      return `| ${c.name} | ${ms(s.p50)} | ${ms(Math.min(...times[i]!))} / ${ms(s.max)} | ${i === 0 ? '1' : r.p50.toFixed(2)} |`;
    });
    const dist = summarize(times[2]!);
    const lines = [
      `- whole processes started one after another, ${RUNS} rounds after one warm-up; each round runs every command once, in turn; ratio = the command's time / the baseline's in the same round (median)`,
      `- load: ${loadBefore} at the start, ${loadAfter} at the end (the machine is shared)`,
      `- database: a PostgreSQL throwaway cluster holding one campaign of ${PROBLEMS} problems; \`ls\` connects, checks the migrations and prints them all`,
      '',
      '| command | median ms | min / max ms | ratio to baseline |',
      '|---|---:|---:|---:|',
      ...rows,
      '',
      `**rectify ls from dist/: median ${ms(dist.p50)} ms, target < ${TARGET_MS} ms: ${dist.p50 < TARGET_MS ? 'met' : 'NOT met'}.**`,
    ];
    say(lines.join('\n'));
    say(`[bench] written to ${writeSection('cli', 'How fast the CLI answers', lines.join('\n'))}`);
  } finally {
    await db.close();
    await database.close();
  }
}

main().catch((e: unknown) => {
  say(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
