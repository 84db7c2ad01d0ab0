// A fresh, migrated PostgreSQL database for one test file (servers/pg-cluster.ts provides it).
import { Db, pgDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { withTestDatabase } from '../../servers/pg-cluster';

export interface TestDb {
  db: Db;
  url: string;
  close(): Promise<void>;
}

export async function migratedPg(): Promise<TestDb> {
  const database = await withTestDatabase();
  const db = pgDb(database.url);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    await database.close();
    throw e;
  }
  return {
    db,
    url: database.url,
    async close() {
      await db.close();
      await database.close();
    },
  };
}
