import { Checkbox, Empty, Flex, List, Typography } from 'antd';
import { actionLabel } from '../../../../domain/problem-types';
import { KIND_LABEL } from '../../../../domain/schemas';
import type { LedgerItem } from '../../api/problems';
import { beijingTime } from '../../lib/time';
import { ProblemLink } from '../ProblemLink';
import { StatusTag, WarningTag } from '../StatusTag';

interface Props {
  campaignId: string;
  items: LedgerItem[];
  loading: boolean;
  /** Office only: the problems picked for 批量催办. */
  selected?: number[];
  onSelect?: (nos: number[]) => void;
  emptyText: string;
}

/** The ledger at phone width: one card per problem instead of a table too wide to read. */
export function LedgerCards({ campaignId, items, loading, selected, onSelect, emptyText }: Props) {
  const toggle = (no: number, on: boolean) => onSelect?.(on ? [...(selected ?? []), no] : (selected ?? []).filter((n) => n !== no));
  return (
    <List<LedgerItem>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      renderItem={(r) => (
        <List.Item key={r.no} style={{ display: 'block', paddingInline: 0 }}>
          <Flex gap={8} align="start">
            {onSelect && <Checkbox checked={selected?.includes(r.no)} disabled={r.status === 'closed'} onChange={(e) => toggle(r.no, e.target.checked)} aria-label={`选择问题${r.no}`} />}
            <div style={{ flex: 1, minWidth: 0 }}>
              <ProblemLink campaignId={campaignId} no={r.no}>{`${r.no}. ${r.title}`}</ProblemLink>
              <Flex gap={6} wrap align="center" style={{ marginTop: 6 }}>
                <StatusTag status={r.status} />
                <WarningTag warning={r.warning} />
                <Typography.Text type="secondary">{KIND_LABEL[r.kind]}</Typography.Text>
                {r.daysOverdue > 0 && <Typography.Text type="danger">逾期 {r.daysOverdue} 天</Typography.Text>}
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 13 }}>
                {r.department} · {r.responsibleLeaderName} · 时限 {r.deadline ?? '长期'} · 措施 {r.measuresDone}/{r.measuresTotal}
              </Typography.Text>
              {r.lastAction && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  最近：{actionLabel(r.lastAction)} {beijingTime(r.lastActionAt)}
                </Typography.Text>
              )}
            </div>
          </Flex>
        </List.Item>
      )}
    />
  );
}
