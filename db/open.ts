import { Db, pgDb, pgliteDb } from './client';
import { migrate } from './migrate';

/** DATABASE_URL → PostgreSQL, else PGlite at dataDir; migrated either way. */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  const db = opts.databaseUrl ? pgDb(opts.databaseUrl) : await pgliteDb(opts.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
