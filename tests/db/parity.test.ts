import { parityRun, type Json } from './checks';
import { inPglite } from './pglite';
import { migratedPg } from './pg';

/** Every value at `key` anywhere in `v`. */
function valuesAt(v: Json, key: string): Json[] {
  if (Array.isArray(v)) return v.flatMap((x) => valuesAt(x, key));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (k === key ? [x] : valuesAt(x, key)));
  return [];
}

test('the same queries give the same rows on PGlite as on PostgreSQL: dates as strings, numerics as numbers', async () => {
  const [pg, lite] = await Promise.all([
    (async () => {
      const t = await migratedPg();
      try {
        return await parityRun(t.db);
      } finally {
        await t.close();
      }
    })(),
    inPglite('parity'),
  ]);
  expect(lite).toEqual(pg);
  // Both chained the concurrent writers' audit rows into one intact chain.
  expect(pg).toMatchObject({ auditChain: { count: 9, findings: [], places: [1, 2, 3, 4, 5, 6, 7, 8, 9] } });

  // And they are the types the callers rely on (equal but wrong on both would not do).
  const dates = ['deadline', 'original_deadline', 'due', 'feedback_date', 'feedbackDate', 'onDate', 'concentratedPeriodEnd'].flatMap((k) => valuesAt(pg, k));
  expect(dates.length).toBeGreaterThan(20);
  for (const d of dates) if (d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const money = [...valuesAt(pg, 'funds_recovered_wan'), ...valuesAt(pg, 'fundsRecoveredWan')];
  expect(money).toContain(12.35);
  for (const m of money) expect(typeof m).toBe('number');
  for (const id of valuesAt(pg, 'id').filter((x) => typeof x !== 'string')) expect(typeof id).toBe('number'); // bigserial ids
  const actionTimes = valuesAt(pg, 'last_action_at').filter((x) => x !== null);
  expect(actionTimes).toHaveLength(3);
  for (const at of actionTimes) expect(at).toEqual({ $date: expect.stringMatching(/^2025-01-06T01:0\d:00.000Z$/) });
});
