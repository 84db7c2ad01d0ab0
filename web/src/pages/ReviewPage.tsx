import { ArrowLeftOutlined } from '@ant-design/icons';
import { Badge, Button, Col, Result, Row, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { LedgerItem } from '../api/problems';
import { useCampaignDetail } from '../api/useCampaignDetail';
import { useLoad } from '../api/useLoad';
import { useMe } from '../auth/AuthContext';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { loadQueue, queuesFor, type QueueKey } from '../components/review/queues';
import { QueueList } from '../components/review/QueueList';
import { ReviewPane } from '../components/review/ReviewPane';
import { useCampaign } from '../layout/CampaignScope';
import { useIsPhone } from '../layout/useIsPhone';

/** 待审核: one queue per level the user decides at; the queue and the open item are in the URL. */
export function ReviewPage() {
  const { id: campaignId, name } = useCampaign();
  const me = useMe();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const campaign = useCampaignDetail(campaignId);
  const queues = campaign.data ? queuesFor(me.role, campaign.data.extensionApprover) : undefined;
  const key = queues ? `${campaignId}:${queues.map((q) => q.key).join()}` : null;
  const loaded = useLoad(key, async (signal) => {
    const lists = await Promise.all((queues ?? []).map((q) => loadQueue(campaignId, q, me, signal)));
    return Object.fromEntries(lists.map((items, i) => [queues?.[i]?.key, items])) as Record<QueueKey, LedgerItem[]>;
  });
  const queue = queues?.find((q) => q.key === params.get('queue')) ?? queues?.find((q) => (loaded.data?.[q.key].length ?? 0) > 0) ?? queues?.[0];
  // Decided here, not yet gone from the last list: hidden until the reload answers.
  const [gone, setGone] = useState<number[]>([]);
  useEffect(() => setGone([]), [loaded.data]);
  const items = (queue && loaded.data ? loaded.data[queue.key] : []).filter((r) => !gone.includes(r.no));
  const no = Number(params.get('no')) || undefined;
  const open = items.some((r) => r.no === no) ? no : undefined;
  const select = (q: QueueKey, n?: number) => setParams(n ? { queue: q, no: String(n) } : { queue: q });

  // On a wide screen the first item opens by itself; an item gone (decided elsewhere) gives way to the next.
  useEffect(() => {
    if (queue && !loaded.loading && open === undefined && items[0] && (!phone || no !== undefined)) select(queue.key, items[0].no);
  });

  const title = <PageTitle title="待审核" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />;
  if (campaign.error || loaded.error) return <>{title}<ErrorResult error={campaign.error ?? loaded.error} onRetry={loaded.reload} /></>;
  if (!queues || !queue || !loaded.data) return <>{title}{queues?.length === 0 ? <Result status="info" title="您没有需要审核的事项" /> : <Loading />}</>;

  const decided = (done: number) => {
    // The next item opens at once; the list catches up in the background.
    setGone([...gone, done]);
    const rest = items.filter((r) => r.no !== done);
    const next = rest[items.findIndex((r) => r.no === done)] ?? rest[0];
    select(queue.key, next?.no);
    loaded.reload();
  };
  const pane = open !== undefined && <ReviewPane key={open} campaignId={campaignId} no={open} queue={queue} stacked={phone} onDecided={() => decided(open)} />;
  const list = <QueueList items={items} selected={open} label={queue.label} onSelect={(n) => select(queue.key, n)} />;
  return (
    <>
      {title}
      <Tabs
        activeKey={queue.key}
        onChange={(k) => select(k as QueueKey)}
        items={queues.map((q) => ({ key: q.key, label: <Badge count={loaded.data?.[q.key].filter((r) => !gone.includes(r.no)).length ?? 0} size="small" offset={[8, -2]}>{q.label}</Badge> }))}
      />
      {phone ? (
        open !== undefined ? (
          <>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => select(queue.key)} style={{ paddingInline: 0, marginBottom: 8 }}>
              返回列表
            </Button>
            {pane}
          </>
        ) : (
          list
        )
      ) : (
        <Row gutter={16}>
          <Col md={9} lg={8}>{list}</Col>
          <Col md={15} lg={16}>{pane}</Col>
        </Row>
      )}
    </>
  );
}
