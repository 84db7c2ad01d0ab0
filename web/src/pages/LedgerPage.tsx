import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle';
import { UnderConstruction } from '../components/UnderConstruction';
import { useCampaign } from '../layout/CampaignScope';

/** 台账: the ledger of the campaign within one's remit: filters, paging, export. */
export function LedgerPage() {
  const { name } = useCampaign();
  return (
    <>
      <PageTitle title="台账" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />
      <UnderConstruction what="台账" />
    </>
  );
}
