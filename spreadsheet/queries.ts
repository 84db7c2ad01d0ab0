import type { Db } from '../db/client';

/**
 * Problem descriptions by number. listProblems leaves them out (the terminal ledger view has no
 * room for them) but the exported ledger must carry them to import again unchanged.
 */
export async function problemDescriptions(db: Db, campaignId: string): Promise<Map<number, string>> {
  const { rows } = await db.query<{ no: number; description: string }>('select no, description from problems where campaign_id = $1', [campaignId]);
  return new Map(rows.map((r) => [r.no, r.description]));
}
