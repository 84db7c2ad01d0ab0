import type { DeadlinePolicy } from '../../domain/policy';
import type { LeadingGroup } from '../../domain/schemas';
import type { Db } from '../client';

export interface CampaignRow {
  id: string;
  name: string;
  organisation: string;
  inspectionTeam: string;
  inspectionStart: string;
  inspectionEnd: string;
  feedbackDate: string;
  concentratedPeriodEnd: string;
  leadingGroup: LeadingGroup;
  /** As written in the ledger: only the fields it overrides. */
  policy: Partial<DeadlinePolicy>;
  ledgerHash: string;
  createdAt: Date;
}

export interface PersonRow {
  id: string;
  name: string;
  title: string | null;
  department: string | null;
}

export interface AspectRow {
  no: number;
  title: string;
}

export interface CampaignRecord {
  campaign: CampaignRow;
  departments: string[];
  people: PersonRow[];
  aspects: AspectRow[];
}

/** The campaign with its directory (departments, people, aspects); null when unknown. */
export async function getCampaign(db: Db, campaignId: string): Promise<CampaignRecord | null> {
  const { rows: [campaign] } = await db.query<CampaignRow>(
    `select id, name, organisation, inspection_team as "inspectionTeam", inspection_start as "inspectionStart",
       inspection_end as "inspectionEnd", feedback_date as "feedbackDate", concentrated_period_end as "concentratedPeriodEnd",
       leading_group as "leadingGroup", policy, ledger_hash as "ledgerHash", created_at as "createdAt"
     from campaigns where id = $1`,
    [campaignId],
  );
  if (!campaign) return null;
  // collate "C": the same order on every server, whatever locale its cluster was created with.
  const departments = await db.query<{ name: string }>('select name from departments where campaign_id = $1 order by name collate "C"', [campaignId]);
  const people = await db.query<PersonRow>('select id, name, title, department from people where campaign_id = $1 order by id collate "C"', [campaignId]);
  const aspects = await db.query<AspectRow>('select no, title from aspects where campaign_id = $1 order by no', [campaignId]);
  return { campaign, departments: departments.rows.map((d) => d.name), people: people.rows, aspects: aspects.rows };
}
