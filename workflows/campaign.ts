import * as wf from '@temporalio/workflow';
import type { RectifyActivities } from './activity-types';
import { addDays, shanghaiInstant } from '../domain/dates';
import { outcomesSentence, type CampaignStats } from '../domain/stats';
import { CampaignWorkflowInput, campaignStatsQuery } from './definitions';

const { writeCampaignSnapshot, notify } = wf.proxyActivities<RectifyActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Owns the concentrated-period deadline (集中整改期). It never touches the problem workflows, so
 * its history stays a handful of events whatever the campaign's size.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignStats> {
  let stats: CampaignStats | null = null;
  wf.setHandler(campaignStatsQuery, () => stats);

  // The period includes its last day: it has passed at midnight that ends it.
  const endsAt = shanghaiInstant(addDays(input.concentratedPeriodEnd, 1)).getTime();
  if (endsAt > Date.now()) await wf.sleep(endsAt - Date.now());

  stats = await writeCampaignSnapshot({ campaignId: input.campaignId, kind: 'concentrated-period-end' });
  const s = stats;
  await notify({
    campaignId: input.campaignId,
    workflowId: wf.workflowInfo().workflowId,
    notifications: [
      {
        dedupeKey: 'concentrated-period-end',
        kind: 'period-end',
        recipients: input.office,
        title: `集中整改期已于 ${input.concentratedPeriodEnd} 结束`,
        body:
          `问题 ${s.problems} 个：已销号 ${s.closed} 个，未完成 ${s.open} 个，长期坚持 ${s.longTerm} 个（逾期 ${s.overdue} 个）；` +
          `措施 ${s.measures} 条，已完成 ${s.measuresDone} 条；${outcomesSentence(s)}。`,
      },
    ],
  });
  wf.log.info('集中整改期统计已生成', { campaignId: input.campaignId });
  return s;
}
