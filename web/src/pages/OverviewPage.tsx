import { Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { getOverview } from '../api/desk';
import { useLoad } from '../api/useLoad';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { useCampaign } from '../layout/CampaignScope';

// The charts (and ECharts with them) load only when someone opens 总览.
const OverviewBody = lazy(() => import('../components/overview/OverviewBody'));

/** 总览 (office and head): where the campaign stands; every figure and chart opens the matching 台账. */
export function OverviewPage() {
  const { id: campaignId, name } = useCampaign();
  const { data, error, reload } = useLoad(`overview:${campaignId}`, (signal) => getOverview(campaignId, signal));
  const title = <PageTitle title="总览" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />;
  if (error) return <>{title}<ErrorResult error={error} onRetry={reload} /></>;
  if (!data) return <>{title}<Loading /></>;
  return (
    <>
      {title}
      <Suspense fallback={<Loading tip="正在加载图表…" />}>
        <OverviewBody campaignId={campaignId} data={data} />
      </Suspense>
    </>
  );
}
