import type { Db } from '../client';

/** How many of a campaign's problems have a notification of this kind in the outbox (any recipient). */
export async function countNotificationsOfKind(db: Db, campaignId: string, kind: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(distinct problem_no)::int as n from notifications where campaign_id = $1 and kind = $2',
    [campaignId, kind],
  );
  return rows[0]?.n ?? 0;
}
