import { OUTCOME_FIGURES, type OutcomeKey } from '../../domain/outcomes';
import type { CampaignStats } from '../../domain/stats';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';

/**
 * The headline figures of a campaign on `today` ('YYYY-MM-DD', Asia/Shanghai; a parameter so the
 * caller decides which day counts — the activity uses the time it was scheduled at).
 * closed: struck off; longTerm: long-term and not closed; open: the rest not closed;
 * overdue: see OVERDUE_STATUSES. Measures and outcomes count every measure of the campaign.
 */
export async function campaignStats(db: Db, campaignId: string, today: string): Promise<CampaignStats> {
  const { rows: [p] } = await db.query<Omit<CampaignStats, 'campaignId' | 'measures' | 'measuresDone' | OutcomeKey>>(
    `select count(*)::int as problems,
       (count(*) filter (where status = 'closed'))::int as closed,
       (count(*) filter (where status <> 'closed' and kind <> 'long-term'))::int as open,
       (count(*) filter (where status <> 'closed' and kind = 'long-term'))::int as "longTerm",
       (count(*) filter (where deadline < $2::date and status = any($3::text[])))::int as overdue
     from problems where campaign_id = $1`,
    [campaignId, today, OVERDUE_STATUSES],
  );
  const sums = OUTCOME_FIGURES.map((f) => `coalesce(sum(${f.column}), 0)::${f.decimals === 2 ? 'numeric(14, 2)' : 'int'} as "${f.key}"`);
  const { rows: [m] } = await db.query<Pick<CampaignStats, 'measures' | 'measuresDone' | OutcomeKey>>(
    `select count(*)::int as measures, (count(*) filter (where done))::int as "measuresDone", ${sums.join(', ')}
     from measures where campaign_id = $1`,
    [campaignId],
  );
  if (!p || !m) throw new Error('aggregate query returned no row');
  return { campaignId, ...p, ...m };
}
