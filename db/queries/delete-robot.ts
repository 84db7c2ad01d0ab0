import type { Db } from '../client';

/** Removes the robot; false when it is unknown in this campaign. */
export async function deleteRobot(db: Db, campaignId: string, id: number): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>('delete from robots where campaign_id = $1 and id = $2 returning id', [campaignId, id]);
  return rows.length > 0;
}
