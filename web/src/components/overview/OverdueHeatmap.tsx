import { Empty } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { format } from 'echarts/core';
import { addDays } from '../../../../domain/dates';
import type { Overview } from '../../api/desk';
import { EChart } from '../EChart';
import { ledgerPath, shortDay } from './links';

type Heatmap = Overview['overdueHeatmap'];

/**
 * 逾期分布: overdue problems per department and per week their deadline fell in (weeks by their
 * Monday). A cell opens the ledger: that department, overdue, deadline within that Monday..Sunday.
 */
export function OverdueHeatmap({ campaignId, map }: { campaignId: string; map: Heatmap }) {
  const navigate = useNavigate();
  const option = useMemo(() => {
    const max = Math.max(1, ...map.cells.map((c) => c.count));
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => {
          const [w, d, n] = p.value;
          const monday = map.weeks[w] ?? '';
          return `${format.encodeHTML(map.departments[d] ?? '')}<br/>时限在 ${shortDay(monday)}—${shortDay(addDays(monday, 6))} 的一周<br/>逾期 <b>${n}</b> 项`;
        },
      },
      grid: { left: 8, right: 16, top: 16, bottom: 56, outerBoundsMode: 'same' },
      xAxis: { type: 'category', data: map.weeks.map(shortDay), name: '整改时限所在周', nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      yAxis: { type: 'category', data: map.departments, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: false, show: false, inRange: { color: ['#fff1f0', '#ff7875', '#a8071a'] } },
      series: [
        {
          type: 'heatmap',
          data: map.cells.map((c) => [map.weeks.indexOf(c.week), map.departments.indexOf(c.department), c.count]),
          label: { show: true, formatter: (p: { value: number[] }) => `${p.value[2]}` },
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
          emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.3)' } },
        },
      ],
    };
  }, [map]);
  if (map.cells.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期问题，继续保持" style={{ padding: '96px 0' }} />;
  return (
    <EChart
      label="逾期分布"
      option={option}
      height={Math.max(300, 90 + map.departments.length * 44)}
      onClick={(e) => {
        const [w, d] = e.value as number[];
        const week = map.weeks[w ?? -1];
        const department = map.departments[d ?? -1];
        if (week && department) void navigate(ledgerPath(campaignId, { department, overdue: 'true', deadlineFrom: week, deadlineTo: addDays(week, 6) }));
      }}
    />
  );
}
