import { BellOutlined, NotificationOutlined, UserOutlined } from '@ant-design/icons';
import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { actionLabel, STATUS_LABEL } from '../../../../domain/problem-types';
import type { ProblemState, Told } from '../../api/problems';
import { beijingTime } from '../../lib/time';
import { DeliveryMarks } from '../delivery/DeliveryMarks';

type Entry = ProblemState['history'][number];
interface Item {
  at: string;
  key: string;
  color: string;
  icon: ReactNode;
  title: ReactNode;
  content: ReactNode;
}

const SYSTEM_COLOR: Record<string, string> = { 'warning-red': 'red', 'warning-yellow': 'orange', 'overdue-weekly': 'orange' };
const RETURNED = /退回|不同意/;

function historyItem(h: Entry): Item {
  const system = h.actor.id === 'system';
  const label = actionLabel(h.action);
  // "完成整改措施 M2（佐证 1 件）" under the label 完成整改措施: say the label once.
  const rest = h.summary.startsWith(label) ? h.summary.slice(label.length).replace(/^[：:\s]+/, '') : h.summary;
  const moved = h.before.status !== h.after.status;
  const returned = !!h.reason && RETURNED.test(h.summary);
  return {
    at: h.at,
    key: `h${h.seq}`,
    color: system ? (SYSTEM_COLOR[h.action] ?? 'gray') : returned ? 'red' : 'blue',
    icon: system ? <BellOutlined /> : <UserOutlined />,
    title: `${beijingTime(h.at)} · ${h.actor.name}`,
    content: (
      <div>
        <Typography.Text strong>{label}</Typography.Text>
        {rest && <Typography.Text>{` ${rest}`}</Typography.Text>}
        {moved && (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {STATUS_LABEL[h.before.status]} → {STATUS_LABEL[h.after.status]}
          </Typography.Text>
        )}
        {h.reason && (
          <div data-testid="history-reason" style={{ marginTop: 4, padding: '4px 8px', background: returned ? '#fff2f0' : '#fafafa', borderRadius: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            理由：{h.reason}
          </div>
        )}
      </div>
    ),
  };
}

function toldItem(t: Told, i: number): Item {
  return {
    at: t.at,
    key: `t${i}`,
    color: 'gray',
    icon: <NotificationOutlined style={{ fontSize: 12 }} />,
    title: `${beijingTime(t.at)} · 已通知 ${t.recipients.map((r) => r.name).join('、')}`,
    content: (
      <>
        <Typography.Text type="secondary" style={{ fontSize: 13, wordBreak: 'break-word' }}>
          {t.title}
          {t.body && `：${t.body}`}
        </Typography.Text>
        <DeliveryMarks marks={t.deliveries} />
      </>
    ),
  };
}

/** The whole story, newest first: what people did (with reasons), what the system sent, who was told. */
export function ProblemTimeline({ history, told }: { history: Entry[]; told: Told[] }) {
  const items = [...history.map(historyItem), ...told.map(toldItem)].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? 1 : -1));
  if (items.length === 0) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  return (
    <div data-testid="timeline">
    <Timeline
      items={items.map((i) => ({
        key: i.key,
        color: i.color,
        icon: i.icon,
        // Time and person above the text, not in a column of their own: the text keeps the width.
        content: (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {i.title}
            </Typography.Text>
            {i.content}
          </>
        ),
      }))}
    />
    </div>
  );
}
