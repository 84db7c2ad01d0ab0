import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle';
import { UnderConstruction } from '../components/UnderConstruction';
import { useCampaign } from '../layout/CampaignScope';

/** 待审核: plans, closures and extensions waiting for this person's approval (leader, office, head). */
export function ReviewPage() {
  const { name } = useCampaign();
  return (
    <>
      <PageTitle title="待审核" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />
      <UnderConstruction what="待审核" />
    </>
  );
}
