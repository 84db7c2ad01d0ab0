import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { distState } from '../../bin/dist-state';
import { pgDb } from '../../db/client';
import { migrationFiles } from '../../db/migrate';
import { addDays, shanghaiDate } from '../../domain/dates';
import { withTestDatabase } from '../../servers/pg-cluster';
import { createDevServerEnv } from '../../servers/temporal-env';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/definitions';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';
import { freePort } from '../../servers/ports';

// `npm run build` into a folder of its own, then the system run from it alone: the CLI against a
// fresh database (the SQL migrations travel with the build), the worker on the prebuilt workflow
// bundle (the compiled workflows' entry is removed, so bundling on the fly would fail), the desk
// serving the copied web bundle. bin/rectify.js's choice between dist/ and the sources as well.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
let out: string;
let env: TestWorkflowEnvironment;
let database: Awaited<ReturnType<typeof withTestDatabase>>;
let dataDir: string;
let buildLog: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // Inside the project (its /tmp/ is ignored), so the built code finds node_modules as dist/ does.
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  out = mkdtempSync(path.join(ROOT, 'tmp', 'build-test-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-build-'));
  const [built, e, d] = await Promise.all([
    run('npm', ['run', 'build', '--', '--out-dir', out], { cwd: ROOT, timeout: 240_000, maxBuffer: 16 << 20 }),
    createDevServerEnv(SEARCH_ATTRIBUTE_KEYS),
    withTestDatabase(),
  ]);
  buildLog = built.stdout;
  [env, database] = [e, d];
}, 300_000);

afterAll(async () => {
  await Promise.all(children.map(stop));
  await database?.close();
  await env?.teardown();
  if (out) rmSync(out, { recursive: true, force: true });
});

const runtimeEnv = () => ({ ...process.env, TEMPORAL_ADDRESS: env.address, DATABASE_URL: database.url, RECTIFY_TASK_QUEUE: `build-${process.pid}`, RECTIFY_DATA_DIR: dataDir });
const built = (...args: string[]) => run(process.execPath, [path.join(out, 'client', 'cli.js'), ...args], { env: runtimeEnv(), timeout: 60_000 }).then((r) => r.stdout);

function spawnBuilt(file: string, extra: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.join(out, file)], { env: { ...runtimeEnv(), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}


test('the build holds the compiled entry points, the files read at run time, the web bundle and the workflow bundle', () => {
  expect(buildLog).toContain('[build] 5/5 done');
  for (const f of ['client/cli.js', 'worker/main.js', 'server/main.js', 'scripts/start.js', 'workflow-bundle.js', 'demo/ledger.json', 'servers/ensure.sh', 'web/dist/index.html']) {
    expect(existsSync(path.join(out, f))).toBe(true);
  }
  expect(readdirSync(path.join(out, 'db', 'migrations')).sort()).toEqual(migrationFiles());
  // Nothing of the tests or the benchmarks ships.
  expect(existsSync(path.join(out, 'tests'))).toBe(false);
  expect(existsSync(path.join(out, 'bench'))).toBe(false);
});

test('the built CLI answers --help, creates the tables of a fresh database and drives a problem through the built worker', async () => {
  expect(await built('--help')).toContain('Usage: rectify');

  // A fresh database: the built CLI applies the migrations copied beside it.
  const ledger = smallLedger({ id: uniqueId('build'), concentratedPeriodEnd: addDays(shanghaiDate(Date.now()), 90) });
  expect(await built('ls', '-c', ledger.id)).toContain('共 0 个问题');
  const db = pgDb(database.url);
  try {
    const { rows } = await db.query<{ name: string }>('select name from migrations order by name');
    expect(rows.map((r) => r.name)).toEqual(migrationFiles());
  } finally {
    await db.close();
  }

  // The worker from the build, on the prebuilt bundle only: without the compiled workflows' entry
  // it could not bundle them itself.
  rmSync(path.join(out, 'workflows', 'index.js'));
  const worker = spawnBuilt('worker/main.js');
  const file = path.join(dataDir, 'ledger.json');
  writeFileSync(file, JSON.stringify(ledger));
  expect(await built('campaign', 'create', '--file', file)).toContain(`已创建巡察整改 ${ledger.id}`);
  // Each workflow's first snapshot (version 0; the import wrote -1) reaches the projection: the
  // worker runs the bundled workflows.
  const check = pgDb(database.url);
  try {
    await eventually(async () => {
      const { rows } = await check.query<{ n: number }>('select count(*)::int as n from problems where campaign_id = $1 and version >= 0', [ledger.id]);
      expect(rows[0]!.n).toBe(3);
    }, 60_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\nworker output:\n${worker.output()}`);
    });
  } finally {
    await check.close();
  }
  expect(await built('ls', '-c', ledger.id)).toContain('共 3 个问题');
  expect(await built('claim', `${ledger.id}/1`, '--as', '钱科长')).toContain('当前状态：制定措施中');
  expect(worker.child.exitCode).toBeNull();
  await stop(worker.child);
}, 180_000);

test('the built desk serves its health and the copied web pages', async () => {
  const port = await freePort();
  const server = spawnBuilt('server/main.js', { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const url = `http://127.0.0.1:${port}`;
  const health = await eventually(async () => (await fetch(`${url}/healthz`)).json(), 30_000).catch((e: unknown) => {
    throw new Error(`${String(e)}\nserver output:\n${server.output()}`);
  });
  expect(health).toMatchObject({ status: 'ok', temporal: { ok: true }, database: { ok: true } });
  expect(await (await fetch(`${url}/`)).text()).toContain('<div id="root">');
  await stop(server.child);
}, 60_000);

test('bin/rectify.js runs a build only while no source it lists changed since', () => {
  // A build whose listed source is a file of this test's (the project's own sources may be edited
  // while the tests run): current until that file changes.
  const fake = mkdtempSync(path.join(out, 'fake-'));
  const source = path.join(fake, 'source.ts');
  writeFileSync(source, '');
  const info = JSON.parse(readFileSync(path.join(out, 'build-info.json'), 'utf8')) as { sourcesAt: number; sources: string[] };
  expect(info.sources).toEqual(expect.arrayContaining(['client', 'db', 'workflows', 'package-lock.json']));
  writeFileSync(path.join(fake, 'build-info.json'), JSON.stringify({ sourcesAt: info.sourcesAt, sources: [path.relative(ROOT, source), 'no-such-folder'] }));
  const before = new Date(info.sourcesAt - 60_000);
  utimesSync(source, before, before);
  expect(distState(fake)).toBe('current');

  const previous = process.env.RECTIFY_FROM_SOURCE;
  process.env.RECTIFY_FROM_SOURCE = '1';
  try {
    expect(distState(fake)).toBe('none');
  } finally {
    if (previous === undefined) delete process.env.RECTIFY_FROM_SOURCE;
    else process.env.RECTIFY_FROM_SOURCE = previous;
  }

  const after = new Date(info.sourcesAt + 1_000);
  utimesSync(source, after, after);
  expect(distState(fake)).toBe('stale');
  expect(distState(path.join(fake, 'no-build'))).toBe('none');
});
