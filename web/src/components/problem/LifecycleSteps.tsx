import { Steps } from 'antd';
import type { ProblemStatus } from '../../../../domain/problem-types';
import type { ProblemKind } from '../../../../domain/schemas';

// The lifecycle as people name its stages (shorter than STATUS_LABEL, which names the waiting).
const STEPS: { status: ProblemStatus; title: string }[] = [
  { status: 'assigned', title: '待认领' },
  { status: 'planning', title: '制定措施' },
  { status: 'plan_review', title: '措施审批' },
  { status: 'in_progress', title: '整改中' },
  { status: 'phase_complete', title: '阶段性完成' },
  { status: 'leader_review', title: '领导审核' },
  { status: 'office_verification', title: '办公室核验' },
  { status: 'head_approval', title: '组长审批' },
  { status: 'closed', title: '已销号' },
];

/** Only long-term problems pass through 阶段性完成. */
export function stepsOf(kind: ProblemKind) {
  return STEPS.filter((s) => kind === 'long-term' || s.status !== 'phase_complete');
}

/** Where the problem stands in its lifecycle; vertical at phone width. At 已销号 every step is done. */
export function LifecycleSteps({ kind, status, vertical }: { kind: ProblemKind; status: ProblemStatus; vertical: boolean }) {
  const steps = stepsOf(kind);
  const current = Math.max(0, steps.findIndex((s) => s.status === status));
  const done = status === 'closed';
  return (
    <div data-testid="lifecycle" data-step={steps[current]?.title} data-step-index={current} data-step-count={steps.length}>
      <Steps
        size="small"
        orientation={vertical ? 'vertical' : 'horizontal'}
        titlePlacement={vertical ? 'horizontal' : 'vertical'}
        current={current}
        status={done ? 'finish' : 'process'}
        items={steps.map((s) => ({ title: s.title }))}
      />
    </div>
  );
}
