import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deskReadings } from './desk-readings';
import { migratedPg } from './pg';

// `npm start` runs on PGlite: the desk's read models must give the same rows there.
test('every desk read model gives the same rows on PGlite as on PostgreSQL', async () => {
  const t = await migratedPg();
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-desk-pglite-'));
  try {
    const onPg = await deskReadings(t.db);
    const out = path.join(dir, 'readings.json');
    await promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'desk-pglite-child.ts'), out], { timeout: 90_000 });
    const onPglite: unknown = JSON.parse(readFileSync(out, 'utf8'));
    expect(onPglite).toEqual(onPg);
    // Not vacuous: the readings hold the scenario's lists.
    expect(onPg).toMatchObject({ heatCell: [4, 16], marked: 4, bellAfter: 0, notice: { noticeNo: 2, noticeDate: '2025-04-09' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  }
});
