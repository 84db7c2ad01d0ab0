import { Flex, Typography } from 'antd';
import type { UpcomingEvent } from '../../api/problems';
import { monthDay } from '../../lib/time';

const TONE: Record<string, 'danger' | 'warning' | undefined> = { 'warning-red': 'danger', 'warning-yellow': 'warning' };

/** What the schedule will do next, as sentences: "12月5日 黄牌预警 → 李院长". */
export function UpcomingList({ events }: { events: UpcomingEvent[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">暂无即将发出的提醒或预警</Typography.Text>;
  return (
    <Flex vertical gap={6} data-testid="upcoming">
      {events.map((e) => (
        <Typography.Text key={e.key} type={TONE[e.type]}>
          {monthDay(e.date)} {e.label} → {e.recipients.map((r) => r.name).join('、')}
          {e.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              {e.note}
            </Typography.Text>
          )}
        </Typography.Text>
      ))}
    </Flex>
  );
}
