import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { CHANNEL_SHORT, noticeKindLabel } from '../../../../domain/delivery';
import { ApiError } from '../../api/client';
import { getDeliveries, resendDelivery, type DeliveryItem } from '../../api/deliveries';
import { useLoad } from '../../api/useLoad';
import { beijingTime } from '../../lib/time';
import { ProblemLink } from '../ProblemLink';

// 发送情况 (office): notices that could not be delivered, with what the mail server or the robot
// answered, and 重新发送 — to wherever the person is reached now (a corrected address counts).

function ResendButton({ item, onSent }: { item: DeliveryItem; onSent(): void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const resend = async () => {
    setBusy(true);
    try {
      await resendDelivery(item.id);
      message.success(`已重新发送给${item.recipient.name}（${CHANNEL_SHORT[item.channel]}）`);
      onSent();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '重新发送失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" icon={<SendOutlined />} loading={busy} onClick={() => void resend()}>
      重新发送
    </Button>
  );
}

export function FailedDeliveries({ campaignId }: { campaignId: string }) {
  const { data, error, reload } = useLoad(`deliveries-failed:${campaignId}`, (signal) => getDeliveries(campaignId, { status: 'failed' }, signal));
  if (error || !data) return null;
  return (
    <Card size="small" title={`发送失败的通知（${data.total}）`} style={{ marginTop: 16 }} data-testid="failed-deliveries">
      {data.total === 0 ? (
        <Typography.Text type="secondary">所有通知均已发出或正在发送。</Typography.Text>
      ) : (
        <Table<DeliveryItem>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={data.items}
          columns={[
            { title: '问题', dataIndex: 'problemNo', render: (no: number | null) => (no === null ? '—' : <ProblemLink campaignId={campaignId} no={no} />) },
            { title: '通知', render: (_, d) => `${noticeKindLabel(d.kind)}：${d.title}` },
            { title: '收件人', render: (_, d) => d.recipient.name },
            { title: '渠道', render: (_, d) => CHANNEL_SHORT[d.channel] },
            { title: '发往', dataIndex: 'target' },
            { title: '原因', dataIndex: 'error', render: (e: string | null) => <Typography.Text type="danger">{e}</Typography.Text> },
            {
              title: '对方应答',
              dataIndex: 'answer',
              render: (a: unknown) => (
                <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {a === null || a === undefined ? '' : JSON.stringify(a)}
                </Typography.Text>
              ),
            },
            { title: '尝试', dataIndex: 'attempts' },
            { title: '时间', render: (_, d) => beijingTime(d.notBefore) },
            { title: '', render: (_, d) => <ResendButton item={d} onSent={reload} /> },
          ]}
        />
      )}
    </Card>
  );
}
