import { Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Overview } from '../../api/desk';
import { problemPath } from '../../layout/nav';
import { monthDay } from '../../lib/time';
import { StatusTag } from '../StatusTag';

type DueSoonList = Overview['dueSoon'];

export const daysLeftText = (n: number) => (n === 0 ? '今天到期' : n === 1 ? '明天到期' : `还剩 ${n} 天`);

/** 两周内到期: nearest deadline first; a row opens the problem's 问题档案. */
export function DueSoon({ campaignId, list }: { campaignId: string; list: DueSoonList }) {
  if (list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未来两周没有到期的问题" />;
  return (
    <>
      <List
        size="small"
        dataSource={list.items}
        renderItem={(r) => (
          <List.Item key={r.no} data-testid={`due-soon-${r.no}`} style={{ paddingInline: 0 }}>
            <Link to={problemPath(campaignId, r.no)} style={{ display: 'flex', gap: 12, alignItems: 'center', width: '100%', color: 'inherit' }}>
              <Tag color={r.daysLeft <= 3 ? 'volcano' : 'blue'} style={{ minWidth: 76, textAlign: 'center', marginInlineEnd: 0 }}>
                {daysLeftText(r.daysLeft)}
              </Tag>
              <span style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text ellipsis style={{ display: 'block' }}>
                  {`问题${r.no}　${r.title}`}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.department} · 时限 {monthDay(r.deadline)}
                </Typography.Text>
              </span>
              <StatusTag status={r.status} />
            </Link>
          </List.Item>
        )}
      />
      {list.total > list.items.length && <Typography.Text type="secondary">另有 {list.total - list.items.length} 项未列出，请在台账中查看。</Typography.Text>}
    </>
  );
}
