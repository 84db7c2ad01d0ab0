import { Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { KIND_LABEL } from '../../../../domain/schemas';
import type { LedgerItem, ProblemState } from '../../api/problems';
import { StatusTag, WarningTag } from '../StatusTag';

const none = <Typography.Text type="secondary">—</Typography.Text>;
const date = (d: string | null | undefined) => (d ? d : none);

/** The committed deadline, with the extension waiting for a decision if there is one. */
function Deadline({ state }: { state: ProblemState }) {
  const ext = state.pendingExtension;
  return (
    <Space orientation="vertical" size={2}>
      <span>{date(state.deadline)}</span>
      {ext && (
        <Typography.Text type="warning">
          {ext.by.name}申请延期至 {ext.until}（待审批）：{ext.reason}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 问题, 类型, 责任领导/科室/人, the deadlines, 预警, 销号日期. */
export function ProblemFacts({ row, state, columns }: { row: LedgerItem; state: ProblemState; columns: number }) {
  const items: { key: string; label: string; children: ReactNode; span?: number }[] = [
    {
      key: 'title',
      label: '问题',
      span: columns,
      children: (
        <div>
          <Typography.Text strong>{state.title}</Typography.Text>
          {state.description && state.description !== state.title && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
              {state.description}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    { key: 'status', label: '状态', children: <StatusTag status={state.status} /> },
    { key: 'kind', label: '类型', children: <Tag style={{ marginInlineEnd: 0 }}>{KIND_LABEL[state.kind]}</Tag> },
    { key: 'leader', label: '责任领导', children: state.remit.leader.name },
    { key: 'department', label: '责任科室', children: state.remit.department },
    { key: 'owner', label: '责任人', children: state.remit.owner.name },
    { key: 'original', label: '原整改时限', children: date(state.originalDeadline) },
    { key: 'deadline', label: '承诺整改时限', children: <Deadline state={state} /> },
    {
      key: 'warning',
      label: '预警',
      children: (
        <Space size={6}>
          <WarningTag warning={state.warning} showNone />
          {row.daysOverdue > 0 && <Typography.Text type="danger">已逾期 {row.daysOverdue} 天</Typography.Text>}
        </Space>
      ),
    },
    { key: 'closed', label: '销号日期', children: date(state.closedOn) },
  ];
  return <Descriptions bordered size="small" column={columns} items={items} styles={{ label: { width: 112, whiteSpace: 'nowrap' } }} />;
}
