import type { Db } from '../client';

/** How many of a campaign's problems the projection holds at `version` or later (benchmarks, fault checks). */
export async function countProjectedProblems(db: Db, campaignId: string, version: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from problems where campaign_id = $1 and version >= $2', [campaignId, version]);
  return rows[0]?.n ?? 0;
}
