import { Empty, List, Typography } from 'antd';
import type { LedgerItem } from '../../api/problems';
import { WarningTag } from '../StatusTag';

interface Props {
  items: LedgerItem[];
  selected: number | undefined;
  onSelect(no: number): void;
  label: string;
}

/** The problems waiting in one queue; the selected one is marked. */
export function QueueList({ items, selected, onSelect, label }: Props) {
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`「${label}」已全部处理完毕，暂时没有待您审核的事项`} style={{ padding: '32px 0' }} />;
  }
  return (
    <List
      size="small"
      bordered
      dataSource={items}
      renderItem={(r) => (
        <List.Item
          onClick={() => onSelect(r.no)}
          aria-current={r.no === selected ? 'true' : undefined}
          data-testid={`queue-item-${r.no}`}
          style={{ cursor: 'pointer', background: r.no === selected ? '#e6f4ff' : undefined, display: 'block' }}
        >
          <Typography.Text strong={r.no === selected}>
            {`问题${r.no}　${r.title}`}
          </Typography.Text>
          <div style={{ marginTop: 2 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.department} · 责任人 {r.ownerName} {r.deadline ? `· 时限 ${r.deadline}` : ''}
            </Typography.Text>{' '}
            <WarningTag warning={r.warning} />
          </div>
        </List.Item>
      )}
    />
  );
}
