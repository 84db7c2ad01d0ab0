// Runs a check against PGlite in a plain Node process and writes the JSON result to a file.
// Usage: tsx tests/db/pglite-child.ts <migrate|parity|reopen|audit-backfill> <out.json> [dataDir]
import { writeFileSync } from 'node:fs';
import { pgliteDb } from '../../db/client';
import { openDb } from '../../db/open';
import { migrate } from '../../db/migrate';
import { auditBackfillRun, migrationCheck, normalise, parityRun, tableNames, type Json } from './checks';
import { testLedger } from './fixtures';
import { insertCampaign } from '../../db/queries/insert-campaign';

async function run(mode: string, dataDir: string | undefined): Promise<Json> {
  switch (mode) {
    case 'migrate': {
      const db = await pgliteDb();
      try {
        return normalise({ kind: db.kind, ...(await migrationCheck(db)) });
      } finally {
        await db.close();
      }
    }
    case 'parity': {
      const db = await pgliteDb();
      try {
        await migrate(db);
        return await parityRun(db);
      } finally {
        await db.close();
      }
    }
    case 'audit-backfill': {
      const db = await pgliteDb();
      try {
        return await auditBackfillRun(db);
      } finally {
        await db.close();
      }
    }
    case 'reopen': {
      // openDb without DATABASE_URL: PGlite files in dataDir, migrated; a second open finds them.
      if (!dataDir) throw new Error('reopen needs a data directory');
      const first = await openDb({ dataDir });
      const created = await insertCampaign(first, testLedger());
      await first.close();
      const second = await openDb({ dataDir });
      try {
        const { rows } = await second.query<{ n: number }>('select count(*) as n from problems');
        return normalise({ kind: second.kind, created, tables: await tableNames(second), problems: rows[0]?.n ?? null });
      } finally {
        await second.close();
      }
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const [mode = '', out = '', dataDir] = process.argv.slice(2);
run(mode, dataDir).then(
  (result) => writeFileSync(out, JSON.stringify(result)),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
