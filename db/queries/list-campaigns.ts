import type { Db } from '../client';

export interface CampaignSummaryRow {
  id: string;
  name: string;
  organisation: string;
  feedbackDate: string;
  concentratedPeriodEnd: string;
}

/** Every campaign, the newest feedback first: the desk's campaign switcher. */
export async function listCampaigns(db: Db): Promise<CampaignSummaryRow[]> {
  const { rows } = await db.query<CampaignSummaryRow>(
    `select id, name, organisation, feedback_date as "feedbackDate", concentrated_period_end as "concentratedPeriodEnd"
     from campaigns order by feedback_date desc, created_at desc, id`,
  );
  return rows;
}
