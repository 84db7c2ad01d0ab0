import { Alert, Card, Flex, Typography } from 'antd';
import { getProblem, type ActionResult } from '../../api/problems';
import { useLoad } from '../../api/useLoad';
import { ErrorResult } from '../ErrorResult';
import { Loading } from '../Loading';
import { MeasureList } from '../problem/MeasureList';
import { ProblemLink } from '../ProblemLink';
import { StatusTag, WarningTag } from '../StatusTag';
import { InlineDecision } from './InlineDecision';
import type { Queue } from './queues';

interface Props {
  campaignId: string;
  no: number;
  queue: Queue;
  stacked: boolean;
  onDecided(r: ActionResult): void;
}

/** One item of a queue: its measures and evidence in the page, and the decision. */
export function ReviewPane({ campaignId, no, queue, stacked, onDecided }: Props) {
  const { data, error, reload } = useLoad(`${campaignId}/${no}`, (signal) => getProblem(campaignId, no, signal));
  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  if (!data || data.row.no !== no) return <Loading />;
  const { state } = data;
  const may = data.actions.includes(queue.action);
  const ext = state.pendingExtension;
  return (
    <Card size="small" data-testid="review-pane">
      <Flex gap={8} align="center" wrap>
        <StatusTag status={state.status} />
        <WarningTag warning={state.warning} />
        <Typography.Text strong style={{ fontSize: 16 }}>
          <ProblemLink campaignId={campaignId} no={no}>{`问题${no}　${state.title}`}</ProblemLink>
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 12px' }}>
        {state.remit.department} · 责任人 {state.remit.owner.name} · 责任领导 {state.remit.leader.name} · 整改时限 {state.deadline ?? '长期坚持'}
      </Typography.Paragraph>
      {queue.key === 'extension' && ext && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${ext.by.name}申请将整改时限由 ${state.deadline ?? '—'} 延至 ${ext.until}`} description={`理由：${ext.reason}`} />
      )}
      <Typography.Title level={5}>整改措施与佐证材料</Typography.Title>
      <MeasureList campaignId={campaignId} state={state} evidence={data.evidence} inlineEvidence={queue.key !== 'extension'} />
      <div style={{ marginTop: 16, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
        {may ? (
          <InlineDecision campaignId={campaignId} no={no} action={queue.action} stacked={stacked} onDone={onDecided} />
        ) : (
          <Typography.Text type="secondary">此项目前不需要您审批（可能已由他人处理）。</Typography.Text>
        )}
      </div>
    </Card>
  );
}
