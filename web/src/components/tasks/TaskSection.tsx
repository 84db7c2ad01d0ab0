import { Badge, Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  /** What to do with these, in a few words. */
  hint: string;
  icon: ReactNode;
  total: number;
  shown: number;
  children: ReactNode;
}

/** One group of 我的任务: a heading with its count, then the items as stacked cards. */
export function TaskSection({ id, title, hint, icon, total, shown, children }: Props) {
  return (
    <section data-testid={`tasks-${id}`} aria-label={title} style={{ marginBottom: 20 }}>
      <Flex align="center" gap={8} style={{ marginBottom: 4 }}>
        <span style={{ fontSize: 18, color: '#1677ff' }}>{icon}</span>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Badge count={total} showZero color={total > 0 ? '#1677ff' : '#d9d9d9'} />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }}>
        {hint}
      </Typography.Paragraph>
      <Flex vertical gap={10}>
        {children}
      </Flex>
      {total > shown && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          另有 {total - shown} 项未列出，请在台账中查看。
        </Typography.Paragraph>
      )}
    </section>
  );
}

/** The card of one item: a title line that opens 问题档案, details, and the main button below. */
export function TaskCard({ testId, title, tags, children, action, danger }: { testId: string; title: ReactNode; tags?: ReactNode; children?: ReactNode; action?: ReactNode; danger?: boolean }) {
  return (
    <Card size="small" data-testid={testId} style={{ borderInlineStart: `4px solid ${danger ? '#ff4d4f' : '#1677ff'}` }} styles={{ body: { padding: '12px 14px' } }}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <div style={{ flex: '1 1 220px', minWidth: 0, fontSize: 15, fontWeight: 500 }}>{title}</div>
        {tags && <Flex gap={6} wrap>{tags}</Flex>}
      </Flex>
      {children && <div style={{ marginTop: 6 }}>{children}</div>}
      {action && <div style={{ marginTop: 10 }}>{action}</div>}
    </Card>
  );
}
