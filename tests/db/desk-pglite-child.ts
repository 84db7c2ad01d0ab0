// Runs in a plain Node child (see pglite.ts for why): the desk readings on in-memory PGlite.
//   tsx tests/db/desk-pglite-child.ts <out.json>
import { writeFileSync } from 'node:fs';
import { pgliteDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { deskReadings } from './desk-readings';

async function main(): Promise<void> {
  const db = await pgliteDb();
  try {
    await migrate(db);
    writeFileSync(process.argv[2]!, JSON.stringify(await deskReadings(db)));
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
