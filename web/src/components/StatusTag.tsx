import { Tag } from 'antd';
import { STATUS_LABEL, WARNING_LABEL, type ProblemStatus, type WarningLevel } from '../../../domain/problem-types';

const STATUS_COLOR: Record<ProblemStatus, string> = {
  assigned: 'default',
  planning: 'blue',
  plan_review: 'gold',
  in_progress: 'processing',
  leader_review: 'purple',
  office_verification: 'purple',
  head_approval: 'purple',
  phase_complete: 'cyan',
  closed: 'success',
};

/** A problem's status in words (STATUS_LABEL), coloured by stage: waiting, working, in review, done. */
export function StatusTag({ status }: { status: ProblemStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {STATUS_LABEL[status]}
    </Tag>
  );
}

/** 黄牌 / 红牌; nothing (or "无" when `showNone`) without a warning. */
export function WarningTag({ warning, showNone = false }: { warning: WarningLevel; showNone?: boolean }) {
  if (warning === 'none') return showNone ? <span style={{ color: 'rgba(0,0,0,0.45)' }}>{WARNING_LABEL.none}</span> : null;
  return (
    <Tag color={warning === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
      {WARNING_LABEL[warning]}
    </Tag>
  );
}
