// Plain numbered SQL files in db/migrations, each applied once in its own transaction and
// recorded in `migrations`. Re-running applies nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './client';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Any fixed number: every process migrating this database agrees on it. */
const LOCK_KEY = 7_345_120_001;

/** Files named like 001_init.sql, in numeric order. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  const files = readdirSync(dir).filter((f) => /^\d+_[\w-]+\.sql$/.test(f));
  const number = (f: string) => Number(f.slice(0, f.indexOf('_')));
  files.sort((a, b) => number(a) - number(b) || a.localeCompare(b));
  for (let i = 1; i < files.length; i++) {
    if (number(files[i]!) === number(files[i - 1]!)) throw new Error(`迁移文件编号重复: ${files[i - 1]} 与 ${files[i]}`);
  }
  return files;
}

/**
 * Two workers starting together would both see a migration as missing and the second would fail
 * half-way: each transaction first takes a transaction-scoped advisory lock, so they queue and the
 * second finds the work done. (PGlite has one connection; the lock is then merely uncontended.)
 */
async function lock(tx: Db): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
}

/** One read when nothing is missing (every CLI command asks): no lock, no transaction. */
async function upToDate(db: Db, files: string[]): Promise<boolean> {
  try {
    const { rows } = await db.query<{ name: string }>('select name from migrations');
    const have = new Set(rows.map((r) => r.name));
    return files.every((f) => have.has(f));
  } catch {
    // No migrations table yet: a fresh database.
    return false;
  }
}

/** Applies what is missing; returns the names applied now, in order. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = migrationFiles(dir);
  if (await upToDate(db, files)) return [];
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec('create table if not exists migrations (name text primary key, applied_at timestamptz not null default now())');
  });
  const applied: string[] = [];
  for (const name of files) {
    const sql = readFileSync(path.join(dir, name), 'utf8');
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const { rows } = await tx.query('select 1 from migrations where name = $1', [name]);
      if (rows.length) return false;
      await tx.exec(sql);
      await tx.query('insert into migrations (name) values ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}
