import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle';
import { UnderConstruction } from '../components/UnderConstruction';
import { useCampaign } from '../layout/CampaignScope';

/** 督办中心: overdue items, yellow and red warnings, supervision notices. */
export function SupervisionPage() {
  const { name } = useCampaign();
  return (
    <>
      <PageTitle title="督办中心" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />
      <UnderConstruction what="督办中心" />
    </>
  );
}
