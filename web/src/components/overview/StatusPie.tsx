import { Empty } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { STATUS_LABEL, STATUSES, type ProblemStatus } from '../../../../domain/problem-types';
import type { Overview } from '../../api/desk';
import { useIsPhone } from '../../layout/useIsPhone';
import { EChart } from '../EChart';
import { ledgerPath } from './links';

// From waiting (grey) through work (blue) and review (purple) to done (green), like the status tags.
export const STATUS_COLOR: Record<ProblemStatus, string> = {
  assigned: '#bfbfbf',
  planning: '#69b1ff',
  plan_review: '#faad14',
  in_progress: '#1677ff',
  leader_review: '#b37feb',
  office_verification: '#9254de',
  head_approval: '#722ed1',
  phase_complete: '#36cfc9',
  closed: '#52c41a',
};

/** 状态分布: a donut of problems per status; a slice opens the ledger of that status. */
export function StatusPie({ campaignId, byStatus }: { campaignId: string; byStatus: Overview['byStatus'] }) {
  const navigate = useNavigate();
  // No room beside a phone-width donut: the counts go inside the slices, the names in the legend.
  const phone = useIsPhone();
  const data = useMemo(
    () => STATUSES.filter((s) => (byStatus[s] ?? 0) > 0).map((s) => ({ name: STATUS_LABEL[s], value: byStatus[s] ?? 0, status: s, itemStyle: { color: STATUS_COLOR[s] } })),
    [byStatus],
  );
  const total = data.reduce((n, d) => n + d.value, 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
      legend: { type: 'scroll', bottom: 0, icon: 'circle', data: data.map((d) => d.name) },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          label: phone ? { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' } : { formatter: '{b}\n{c} 项', fontSize: 12 },
          data,
        },
        // The total in the hole of the donut.
        { type: 'pie', radius: [0, '0%'], center: ['50%', '45%'], silent: true, label: { position: 'center', formatter: `共 ${total} 项`, fontSize: 16, fontWeight: 'bold', color: '#333' }, data: [{ value: 1, name: '' }], tooltip: { show: false } },
      ],
    }),
    [data, total, phone],
  );
  if (total === 0) return <Empty description="暂无问题" />;
  return (
    <EChart
      label="状态分布"
      option={option}
      onClick={(e) => {
        const status = (e.data as { status?: ProblemStatus } | undefined)?.status;
        if (status) void navigate(ledgerPath(campaignId, { status }));
      }}
    />
  );
}
