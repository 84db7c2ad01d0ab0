import type { Db } from '../client';

export interface CampaignEventInput {
  campaignId: string;
  /** 'YYYY-MM-DD' the meeting or event took place. */
  onDate: string;
  /** Free text category chosen by the office, e.g. 'meeting', 'group-formed', 'training'. */
  kind: string;
  text: string;
}

/** Records a meeting or event of the rectification work; returns its id. */
export async function insertCampaignEvent(db: Db, e: CampaignEventInput): Promise<number> {
  const { rows: [row] } = await db.query<{ id: number }>(
    'insert into campaign_events (campaign_id, on_date, kind, text) values ($1, $2, $3, $4) returning id',
    [e.campaignId, e.onDate, e.kind, e.text],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
