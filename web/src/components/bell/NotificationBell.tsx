import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { getNotifications, markRead, type NotificationItem } from '../../api/desk';
import { useLoad } from '../../api/useLoad';
import { useCampaigns } from '../../layout/CampaignsContext';
import { problemPath } from '../../layout/nav';
import { beijingTime } from '../../lib/time';

/** New reminders and warnings arrive at 09:00; a look every few minutes is plenty. */
const POLL_MS = 3 * 60_000;

/** The header bell: unread count, the latest 20 notifications; opening one marks it read. */
export function NotificationBell() {
  const { currentId } = useCampaigns();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const { data, reload } = useLoad(`bell:${currentId ?? ''}:${tick}`, (signal) => getNotifications(currentId, signal));

  useEffect(() => {
    const t = window.setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => window.clearInterval(t);
  }, []);

  const read = (ids: number[] | 'all') => {
    // A failed mark is harmless: the item stays unread and is marked next time.
    markRead(ids, currentId).then(reload, () => undefined);
  };
  const openItem = (n: NotificationItem) => {
    if (!n.readAt) read([n.id]);
    setOpen(false);
    if (n.problemNo !== null) void navigate(problemPath(n.campaignId, n.problemNo));
  };

  const unread = data?.unreadCount ?? 0;
  const content = (
    <div style={{ width: 'min(360px, calc(100vw - 32px))' }} data-testid="notifications">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>通知{unread > 0 ? `（${unread} 条未读）` : ''}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => read('all')}>
          全部标为已读
        </Button>
      </Flex>
      {!data || data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item key={n.id} onClick={() => openItem(n)} style={{ cursor: 'pointer', display: 'block', paddingInline: 8, marginBottom: 4, background: n.readAt ? undefined : '#e6f4ff', borderRadius: 6 }}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                {!n.readAt && <Badge status="processing" />}
              </Flex>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0', fontSize: 13 }}>
                {n.body}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {beijingTime(n.createdAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) reload();
      }}
      content={content}
    >
      <Button type="text" aria-label={unread > 0 ? `通知，${unread} 条未读` : '通知'} style={{ height: 40, width: 40 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
