import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle';
import { UnderConstruction } from '../components/UnderConstruction';
import { useCampaign } from '../layout/CampaignScope';

/** 我的任务: the problems and measures waiting for the signed-in person (claim, plan, complete, ask for closure). */
export function TasksPage() {
  const { name } = useCampaign();
  return (
    <>
      <PageTitle title="我的任务" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />
      <UnderConstruction what="我的任务" />
    </>
  );
}
