import type { CampaignStats } from '../../workflows/definitions';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';

/**
 * The headline figures of a campaign on `today` ('YYYY-MM-DD', Asia/Shanghai; a parameter so the
 * caller decides which day counts — the activity uses the time it was scheduled at).
 * closed: struck off; longTerm: long-term and not closed; open: the rest not closed;
 * overdue: see OVERDUE_STATUSES. Measures and outcomes count every measure of the campaign.
 */
export async function campaignStats(db: Db, campaignId: string, today: string): Promise<CampaignStats> {
  const { rows: [p] } = await db.query<Omit<CampaignStats, 'campaignId' | 'measures' | 'measuresDone' | Outcome>>(
    `select count(*)::int as problems,
       (count(*) filter (where status = 'closed'))::int as closed,
       (count(*) filter (where status <> 'closed' and kind <> 'long-term'))::int as open,
       (count(*) filter (where status <> 'closed' and kind = 'long-term'))::int as "longTerm",
       (count(*) filter (where deadline < $2::date and status = any($3::text[])))::int as overdue
     from problems where campaign_id = $1`,
    [campaignId, today, OVERDUE_STATUSES],
  );
  const { rows: [m] } = await db.query<Pick<CampaignStats, 'measures' | 'measuresDone' | Outcome>>(
    `select count(*)::int as measures, (count(*) filter (where done))::int as "measuresDone",
       coalesce(sum(regulations), 0)::int as regulations,
       coalesce(sum(funds_recovered_wan), 0)::numeric(14, 2) as "fundsRecoveredWan",
       coalesce(sum(party_discipline), 0)::int as "partyDiscipline",
       coalesce(sum(admonishment), 0)::int as admonishment,
       coalesce(sum(ordered_self_criticism), 0)::int as "orderedSelfCriticism"
     from measures where campaign_id = $1`,
    [campaignId],
  );
  if (!p || !m) throw new Error('aggregate query returned no row');
  return {
    campaignId, problems: p.problems, closed: p.closed, open: p.open, longTerm: p.longTerm, overdue: p.overdue,
    measures: m.measures, measuresDone: m.measuresDone, regulations: m.regulations, fundsRecoveredWan: m.fundsRecoveredWan,
    partyDiscipline: m.partyDiscipline, admonishment: m.admonishment, orderedSelfCriticism: m.orderedSelfCriticism,
  };
}

type Outcome = 'regulations' | 'fundsRecoveredWan' | 'partyDiscipline' | 'admonishment' | 'orderedSelfCriticism';
