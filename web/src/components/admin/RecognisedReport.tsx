import { Collapse, Descriptions, List, Tag, Typography } from 'antd';
import type { ReportImportResult } from '../../api/admin';
import { monthDay } from '../../lib/time';

type Recognised = ReportImportResult['recognised'];

/** What the parser read from the report beyond the ledger's counts: dates, completion, every aspect with its problems. */
export function RecognisedReport({ r }: { r: Recognised }) {
  const c = r.counts;
  return (
    <div data-testid="recognised-report">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="反馈日期">{r.feedbackDate ?? '未识别'}</Descriptions.Item>
        <Descriptions.Item label="通报日期">{r.issuedDate ?? '未识别'}</Descriptions.Item>
        <Descriptions.Item label="完成情况">
          {c.completed + c.unfinished > 0 ? `已完成 ${c.completed} 个，未完成 ${c.unfinished} 个` : '通报未区分完成情况'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        识别出的方面和问题（点击展开核对）：
      </Typography.Text>
      <Collapse
        size="small"
        items={r.aspects.map((a, i) => ({
          key: i,
          label: `${a.title}（${a.problems.length} 个问题）`,
          children: (
            <List
              size="small"
              dataSource={a.problems}
              renderItem={(p, j) => (
                <List.Item key={j} extra={<Typography.Text type="secondary">{p.measures} 条措施</Typography.Text>}>
                  <div>
                    {p.status === 'completed' && <Tag color="success">已完成</Tag>}
                    {p.status === 'unfinished' && <Tag color="warning">未完成</Tag>}
                    {p.title}
                    {p.committedDeadline && <Typography.Text type="secondary">{`　承诺时限 ${monthDay(p.committedDeadline)}`}</Typography.Text>}
                  </div>
                </List.Item>
              )}
            />
          ),
        }))}
      />
    </div>
  );
}
