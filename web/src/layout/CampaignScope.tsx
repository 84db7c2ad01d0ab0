import { Result } from 'antd';
import { Outlet, useOutletContext, useParams } from 'react-router-dom';
import type { CampaignSummary } from '../api/types';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { useCampaigns } from './CampaignsContext';

interface ScopeContext {
  campaign: CampaignSummary;
}

/** Route element of /c/:campaignId: the pages below it only render for a campaign one may see. */
export function CampaignScope() {
  const { campaignId } = useParams();
  const { campaigns, error, reload } = useCampaigns();
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!campaigns) return <Loading />;
  const campaign = campaigns.find((c) => c.id === campaignId);
  if (!campaign) return <Result status="404" title="未找到该巡察整改批次" subTitle="批次不存在，或不在您的查看范围内。" />;
  return <Outlet context={{ campaign } satisfies ScopeContext} />;
}

/** The campaign of the current page (pages under /c/:campaignId only). */
export function useCampaign(): CampaignSummary {
  return useOutletContext<ScopeContext>().campaign;
}
