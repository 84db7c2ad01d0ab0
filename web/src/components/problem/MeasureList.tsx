import type { ReactNode } from 'react';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { OUTCOME_FIGURES, formatOutcome } from '../../../../domain/outcomes';
import type { EvidenceItem, ProblemState } from '../../api/problems';
import { beijingTime } from '../../lib/time';
import { EvidenceList } from '../EvidenceList';
import { personName } from './people';

type Measure = ProblemState['measures'][number];

interface Props {
  campaignId: string;
  state: ProblemState;
  evidence: EvidenceItem[];
  /** Evidence rendered in the page (the review pane). */
  inlineEvidence?: boolean;
}

/** 整改措施: each with its owner, due date and state, and under it its evidence and outcome figures. */
export function MeasureList({ campaignId, state, evidence, inlineEvidence }: Props) {
  if (state.measures.length === 0) return <Typography.Text type="secondary">尚未制定整改措施</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      {state.measures.map((m) => (
        <MeasureCard key={m.id} m={m} state={state}>
          {(m.done || m.evidence.length > 0) && (
            <EvidenceList campaignId={campaignId} no={state.no} items={evidence.filter((e) => e.measureId === m.id)} inline={inlineEvidence} />
          )}
        </MeasureCard>
      ))}
    </Flex>
  );
}

function MeasureCard({ m, state, children }: { m: Measure; state: ProblemState; children: ReactNode }) {
  const figures = OUTCOME_FIGURES.filter((f) => m.outcomes[f.key] > 0);
  return (
    <div data-testid={`measure-${m.id}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '10px 12px', background: m.done ? '#fcfffa' : '#fff' }}>
      <Flex gap={8} align="start" justify="space-between">
        <Typography.Text strong style={{ flex: 1 }}>
          {`${m.id}　${m.text}`}
        </Typography.Text>
        {m.done ? (
          <Tag icon={<CheckCircleFilled />} color="success" style={{ marginInlineEnd: 0 }}>
            已完成
          </Tag>
        ) : (
          <Tag icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
            未完成
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        责任人 {personName(state, m.owner)} · 完成时限 {m.due}
        {m.completedAt && ` · ${beijingTime(m.completedAt)} 由${personName(state, m.completedBy ?? '')}完成`}
      </Typography.Text>
      {figures.length > 0 && (
        <Flex gap={6} wrap style={{ marginTop: 6 }}>
          {figures.map((f) => (
            <Tag key={f.key} color="blue">
              {f.label} {formatOutcome(f, m.outcomes[f.key])} {f.unit}
            </Tag>
          ))}
        </Flex>
      )}
      {children && <div style={{ marginTop: 10 }}>{children}</div>}
    </div>
  );
}
