import type { Db } from '../client';

export interface CampaignPersonRow {
  id: string;
  name: string;
  department: string | null;
  /** Owner (责任人) of at least one problem of the campaign. */
  ownsProblem: boolean;
  /** Responsible leader (责任领导) of at least one problem of the campaign. */
  leadsProblem: boolean;
}

/** A campaign's people in the order the ledger listed them, with what they are responsible for. */
export async function listCampaignPeople(db: Db, campaignId: string): Promise<CampaignPersonRow[]> {
  const { rows } = await db.query<CampaignPersonRow>(
    `select p.id, p.name, p.department,
       exists (select 1 from problems x where x.campaign_id = p.campaign_id and x.owner = p.id) as "ownsProblem",
       exists (select 1 from problems x where x.campaign_id = p.campaign_id and x.responsible_leader = p.id) as "leadsProblem"
     from people p where p.campaign_id = $1 order by p.position, p.id collate "C"`,
    [campaignId],
  );
  return rows;
}
