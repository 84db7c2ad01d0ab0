// Throwaway PostgreSQL for tests: a private cluster in a temp dir, or a fresh database on
// $DATABASE_URL's server. Nothing depends on a system-wide cluster.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, renameSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { serverPaths } from './paths';
import { freePort } from './ports';

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

export interface Handle {
  url: string;
}

/** initdb/postgres refuse to run as root: then run them as the `postgres` OS user. */
function cmd(bin: string, args: string[]): [string, string[]] {
  const exe = path.join(serverPaths().pgBin, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

async function pg(bin: string, args: string[]): Promise<void> {
  const [file, argv] = cmd(bin, args);
  try {
    await run(file, argv, { timeout: 60_000 });
  } catch (e) {
    const err = e as Error & { stderr?: string; stdout?: string };
    throw new Error(`${bin} 失败 / failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: e });
  }
}


/** tmpfs when there is one: initdb takes 0.8 s there vs 1.9 s on this machine's disk, a copy 0.05 s vs 1 s. */
function baseDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const fs = statfsSync('/dev/shm');
    // Containers often cap /dev/shm at 64 MB; each cluster takes ~30 MB there.
    if (fs.bavail * fs.bsize > 1024 ** 3) return '/dev/shm';
  } catch {
    // no usable tmpfs
  }
  return tmpdir();
}

/** A temp dir the server user owns (initdb and postgres write into it). */
function ownedTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(baseDir(), prefix));
  if (asRoot) {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, id('-u'), id('-g'));
  }
  return dir;
}

const TEMPLATE_VERSION = 1; // bump when the initdb options below change

/** initdb once per machine boot and major version; every cluster starts from a copy of it. */
async function templateDir(): Promise<string> {
  const major = path.basename(path.dirname(serverPaths().pgBin));
  const tpl = path.join(baseDir(), `rectify-pg-template-${major}-v${TEMPLATE_VERSION}-${process.getuid?.() ?? 0}`);
  if (existsSync(path.join(tpl, 'PG_VERSION'))) return tpl;
  const work = ownedTempDir('rectify-pg-initdb-');
  try {
    // --no-sync: the data is disposable. 1 MB WAL segments keep each copy small.
    const opts = ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--wal-segsize=1'];
    await pg('initdb', ['-D', path.join(work, 'data'), ...opts]);
    // Atomic publish; if a concurrent process got there first, its template is as good as ours.
    if (!existsSync(tpl)) renameSync(path.join(work, 'data'), tpl);
  } catch (e) {
    if (!existsSync(path.join(tpl, 'PG_VERSION'))) throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return tpl;
}

export interface ThrowawayCluster extends Handle {
  stop(): Promise<void>;
  /** Stops the server, keeping its data (an outage); `resume` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const tpl = await templateDir();
  const dir = ownedTempDir('rectify-pg-');
  const data = path.join(dir, 'data');
  const stopNow = (): void => {
    const [file, argv] = cmd('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    try {
      execFileSync(file, argv, { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A crashed test run must not leave postmasters behind.
  process.once('exit', stopNow);
  try {
    await run('cp', ['-a', tpl, data]); // -a keeps the postgres ownership and 0700 mode
    const port = await freePort();
    // Durability off: fsync, full-page writes and commit flushes cost time and protect nothing here.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
    const start = () => pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start']);
    await start();
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      pause: async () => void (await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])),
      resume: async () => void (await start()),
      async stop() {
        process.removeListener('exit', stopNow);
        // immediate: no checkpoint needed for data we delete next.
        await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw e;
  }
}

/**
 * A PostgreSQL cluster kept in `dir` across runs (the cluster profile of `npm run start:cluster`):
 * created from the template on first use, durable settings (fsync on), stopped with a checkpoint.
 * As root the folder belongs to the `postgres` user, so it must be reachable by that user.
 */
export async function startKeptCluster(dir: string, port: number): Promise<ThrowawayCluster> {
  const data = path.join(dir, 'data');
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    const tpl = await templateDir();
    await run('mkdir', ['-p', dir]);
    if (asRoot) await run('chown', ['postgres:postgres', dir]);
    await run('cp', ['-a', tpl, data]);
  }
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const start = () => pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', '-t', '120', 'start']);
  const stopFast = () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  // Left running by a run that was killed: stop it cleanly (checkpoint) and start it as ours.
  if (await pg('pg_ctl', ['-D', data, 'status']).then(() => true, () => false)) await stopFast();
  await start();
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, pause: stopFast, resume: start, stop: () => stopFast().catch(() => undefined) };
}

async function admin<T>(url: string, f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** A uniquely named empty database on baseUrl's server ("a fresh database per test file"). */
export async function createFreshDatabase(baseUrl: string): Promise<Handle & { drop(): Promise<void> }> {
  const name = `rectify_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    // FORCE (PG 13+): a test that leaked a pool connection must not make the drop fail.
    drop: async () => void (await admin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Fresh database on $DATABASE_URL's server if set, else on a throwaway cluster of our own. */
export async function withTestDatabase(): Promise<Handle & { close(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const db = await createFreshDatabase(external);
    return { url: db.url, close: db.drop };
  }
  const cluster = await startThrowawayCluster();
  try {
    const db = await createFreshDatabase(cluster.url);
    // Stopping the cluster deletes everything; no need to drop first.
    return { url: db.url, close: cluster.stop };
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}
