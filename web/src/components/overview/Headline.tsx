import { Card, Col, Row, Statistic } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Overview } from '../../api/desk';
import { ledgerPath, OPEN_STATUSES } from './links';

export interface Headline {
  total: number;
  closed: number;
  open: number;
  overdue: number;
  yellow: number;
  red: number;
}

/** The six figures at the top, from byStatus (counts by status) and byDepartment (overdue, warnings). */
export function headlineOf(o: Overview): Headline {
  const sum = (k: 'overdue' | 'yellow' | 'red') => o.byDepartment.reduce((n, d) => n + d[k], 0);
  const total = Object.values(o.byStatus).reduce((n, v) => n + v, 0);
  const closed = o.byStatus.closed ?? 0;
  return { total, closed, open: total - closed, overdue: sum('overdue'), yellow: sum('yellow'), red: sum('red') };
}

const CARDS: { key: keyof Headline; title: string; color?: string; filter: Record<string, string> }[] = [
  { key: 'total', title: '问题总数', filter: {} },
  { key: 'closed', title: '已销号', color: '#389e0d', filter: { status: 'closed' } },
  { key: 'open', title: '整改中（未销号）', color: '#1677ff', filter: { status: OPEN_STATUSES.join(',') } },
  { key: 'overdue', title: '逾期', color: '#cf1322', filter: { overdue: 'true' } },
  { key: 'yellow', title: '黄牌', color: '#d48806', filter: { warning: 'yellow' } },
  { key: 'red', title: '红牌', color: '#cf1322', filter: { warning: 'red' } },
];

/** Each card opens the ledger showing exactly the problems it counts. */
export function HeadlineCards({ campaignId, h }: { campaignId: string; h: Headline }) {
  const navigate = useNavigate();
  return (
    <Row gutter={[12, 12]}>
      {CARDS.map((c) => (
        <Col key={c.key} xs={12} sm={8} xl={4}>
          <Card hoverable size="small" data-testid={`headline-${c.key}`} onClick={() => void navigate(ledgerPath(campaignId, c.filter))}>
            <Statistic title={c.title} value={h[c.key]} suffix="项" styles={{ content: { color: h[c.key] > 0 ? c.color : undefined, fontWeight: 600 } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
