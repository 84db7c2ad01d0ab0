import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Flex, Result, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { getSupervision } from '../api/desk';
import { useLoad } from '../api/useLoad';
import { useMe } from '../auth/AuthContext';
import { FailedDeliveries } from '../components/delivery/FailedDeliveries';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { SupervisionCard } from '../components/supervision/SupervisionCard';
import { useCampaign } from '../layout/CampaignScope';

type Show = 'all' | 'red' | 'yellow';

/** 督办中心: problems under a red (first) or yellow warning in one's remit, with who was told when. */
export function SupervisionPage() {
  const { id: campaignId, name } = useCampaign();
  const me = useMe();
  const { data, error, reload } = useLoad(`supervision:${campaignId}`, (signal) => getSupervision(campaignId, signal));
  const [show, setShow] = useState<Show>('all');

  const title = <PageTitle title="督办中心" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />;
  // 发送情况 for the office: notices that did not get through, with 重新发送.
  const failures = me.role === 'office' ? <FailedDeliveries campaignId={campaignId} /> : null;
  if (error) return <>{title}<ErrorResult error={error} onRetry={reload} /></>;
  if (!data) return <>{title}<Loading /></>;
  if (data.total === 0) {
    return (
      <>
        {title}
        <Result icon={<SafetyCertificateOutlined style={{ color: '#52c41a' }} />} title="暂无预警和督办" subTitle="没有逾期亮牌的问题。问题逾期 1 天亮黄牌、逾期 7 天亮红牌并发出督办单时，会在这里列出。" />
        {failures}
      </>
    );
  }
  const reds = data.items.filter((r) => r.warning === 'red').length;
  const yellows = data.items.length - reds;
  const rows = data.items.filter((r) => show === 'all' || r.warning === show);
  return (
    <div style={{ maxWidth: 1200 }}>
      {title}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text>
          共 <Typography.Text strong>{data.total}</Typography.Text> 个问题被预警：红牌 <Typography.Text type="danger" strong>{reds}</Typography.Text> 个，黄牌{' '}
          <Typography.Text type="warning" strong>{yellows}</Typography.Text> 个。红牌在前，逾期久的在前。
        </Typography.Text>
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={[
            { value: 'all', label: `全部 ${data.items.length}` },
            { value: 'red', label: `红牌 ${reds}` },
            { value: 'yellow', label: `黄牌 ${yellows}` },
          ]}
        />
      </Flex>
      <Flex vertical gap={12}>
        {rows.map((r) => (
          <SupervisionCard key={r.no} campaignId={campaignId} row={r} canRemind={me.role === 'office'} onReminded={reload} />
        ))}
      </Flex>
      {data.total > data.items.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          另有 {data.total - data.items.length} 个问题未列出，请在台账中按预警筛选查看。
        </Typography.Paragraph>
      )}
      {failures}
    </div>
  );
}
