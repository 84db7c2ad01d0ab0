import { RightOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ACTION_LABEL, type ActionName } from '../../../../domain/problem-types';
import { KIND_LABEL } from '../../../../domain/schemas';
import type { DueMeasure, ReturnedItem, TaskProblem, WaitingItem } from '../../api/desk';
import { problemPath } from '../../layout/nav';
import { beijingTime, monthDay } from '../../lib/time';
import { StatusTag, WarningTag } from '../StatusTag';
import { DaysLeft } from './DaysLeft';
import { TaskCard } from './TaskSection';

const muted = { fontSize: 13 } as const;
const big = { height: 44, fontSize: 16 } as const;

function ProblemTitle({ campaignId, no, title }: { campaignId: string; no: number; title: string }) {
  return (
    <Link to={problemPath(campaignId, no)}>
      {`问题${no}　${title}`}
    </Link>
  );
}

/** 待认领 / 待制定措施: the problem, its deadline; `action` is the button (认领, or 去制定措施). */
export function ProblemTask({ campaignId, p, section, action }: { campaignId: string; p: TaskProblem; section: string; action: ReactNode }) {
  return (
    <TaskCard
      testId={`task-${section}-${p.no}`}
      danger={p.daysLeft !== null && p.daysLeft < 0}
      title={<ProblemTitle campaignId={campaignId} no={p.no} title={p.title} />}
      tags={<><WarningTag warning={p.warning} /><DaysLeft days={p.daysLeft} /></>}
      action={action}
    >
      <Typography.Text type="secondary" style={muted}>
        {KIND_LABEL[p.kind]} · 责任人 {p.ownerName}
        {p.deadline ? ` · 整改时限 ${monthDay(p.deadline)}` : ''}
      </Typography.Text>
    </TaskCard>
  );
}

/** A measure not done yet, with how long is left. */
export function MeasureTask({ campaignId, m }: { campaignId: string; m: DueMeasure }) {
  return (
    <TaskCard
      testId={`task-measure-${m.no}-${m.measureId}`}
      danger={m.daysLeft < 0}
      title={<Link to={problemPath(campaignId, m.no)}>{m.text}</Link>}
      tags={<DaysLeft days={m.daysLeft} />}
    >
      <Typography.Text type="secondary" style={muted}>
        {`问题${m.no}　${m.title} · 措施 ${m.measureId} · 责任人 ${m.ownerName} · 时限 ${monthDay(m.due)}`}
      </Typography.Text>
    </TaskCard>
  );
}

/** Returned with a reason: the reason first and large, then who returned it, when, at which step. */
export function ReturnedTask({ campaignId, r, phone }: { campaignId: string; r: ReturnedItem; phone: boolean }) {
  const navigate = useNavigate();
  const step = (ACTION_LABEL as Record<string, string>)[r.action as ActionName] ?? r.action;
  const open = (
    <Button danger block={phone} style={big} onClick={() => void navigate(problemPath(campaignId, r.no))}>
      查看并修改 <RightOutlined />
    </Button>
  );
  return (
    <TaskCard testId={`task-returned-${r.no}`} danger title={<ProblemTitle campaignId={campaignId} no={r.no} title={r.title} />} action={open}>
      <Alert type="warning" showIcon title={<span style={{ fontSize: 15 }}>退回理由：{r.reason}</span>} style={{ marginBottom: 6 }} />
      <Typography.Text type="secondary" style={muted}>
        {r.by.name} 于 {beijingTime(r.at)} 在「{step}」时退回，请修改后重新提交。
      </Typography.Text>
    </TaskCard>
  );
}

/** What each kind of waiting item asks, and the 待审核 queue that holds it. */
const WAITING: Record<WaitingItem['kind'], { label: string; queue: string }> = {
  plan: { label: '审批整改措施', queue: 'plan' },
  'closure-review': { label: '审核销号申请', queue: 'leader' },
  verification: { label: '核验佐证材料', queue: 'office' },
  'final-approval': { label: '审批销号', queue: 'head' },
  extension: { label: '审批延期申请', queue: 'extension' },
};

/** Something waiting for my decision: opens it in 待审核, where it is decided. */
export function WaitingTask({ campaignId, w, phone }: { campaignId: string; w: WaitingItem; phone: boolean }) {
  const navigate = useNavigate();
  const k = WAITING[w.kind];
  const review = `/c/${encodeURIComponent(campaignId)}/review?queue=${k.queue}&no=${w.no}`;
  return (
    <TaskCard
      testId={`task-waiting-${w.no}`}
      title={<ProblemTitle campaignId={campaignId} no={w.no} title={w.title} />}
      tags={<StatusTag status={w.status} />}
      action={
        <Button type="primary" block={phone} style={big} onClick={() => void navigate(review)}>
          去{k.label} <RightOutlined />
        </Button>
      }
    >
      <Typography.Text type="secondary" style={muted}>
        {w.department} · 待您{k.label}
        {w.since ? ` · 自 ${beijingTime(w.since)} 起等待` : ''}
      </Typography.Text>
    </TaskCard>
  );
}

export const bigButton = big;
