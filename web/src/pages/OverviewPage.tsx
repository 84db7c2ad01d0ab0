import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle';
import { UnderConstruction } from '../components/UnderConstruction';
import { useCampaign } from '../layout/CampaignScope';

/** 总览: campaign figures and charts (echarts) for the office and the head. */
export function OverviewPage() {
  const { name } = useCampaign();
  return (
    <>
      <PageTitle title="总览" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />
      <UnderConstruction what="总览" />
    </>
  );
}
