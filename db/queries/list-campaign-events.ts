import type { Db } from '../client';

export interface CampaignEventRow {
  id: number;
  campaignId: string;
  onDate: string;
  kind: string;
  text: string;
  createdAt: Date;
}

/** A campaign's recorded events in date order (the order a report narrates them). */
export async function listCampaignEvents(db: Db, campaignId: string): Promise<CampaignEventRow[]> {
  const { rows } = await db.query<CampaignEventRow>(
    `select id, campaign_id as "campaignId", on_date as "onDate", kind, text, created_at as "createdAt"
     from campaign_events where campaign_id = $1 order by on_date, id`,
    [campaignId],
  );
  return rows;
}
