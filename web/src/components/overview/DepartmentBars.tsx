import { Empty } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Overview } from '../../api/desk';
import { EChart } from '../EChart';
import { ledgerPath, OPEN_STATUSES } from './links';

type Line = Overview['byDepartment'][number];

/** The stack of one department: closed, open and not overdue (推进中), overdue (the three add up to its total). */
const SERIES: { name: string; color: string; value: (d: Line) => number; filter: Record<string, string> }[] = [
  { name: '已销号', color: '#52c41a', value: (d) => d.closed, filter: { status: 'closed' } },
  { name: '推进中', color: '#69b1ff', value: (d) => d.open - d.overdue, filter: { status: OPEN_STATUSES.join(',') } },
  { name: '逾期', color: '#ff4d4f', value: (d) => d.overdue, filter: { overdue: 'true' } },
];

/** 各科室整改情况: one stacked bar per department; a bar opens that department's ledger. */
export function DepartmentBars({ campaignId, lines }: { campaignId: string; lines: Line[] }) {
  const navigate = useNavigate();
  const names = useMemo(() => lines.map((d) => d.department), [lines]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same' },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 12, width: 72, overflow: 'break' }, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1, name: '问题数' },
      series: SERIES.map((s) => ({
        type: 'bar',
        name: s.name,
        stack: 'all',
        barMaxWidth: 48,
        itemStyle: { color: s.color },
        emphasis: { focus: 'series' },
        data: lines.map(s.value),
      })),
    }),
    [lines, names],
  );
  if (lines.length === 0) return <Empty description="暂无科室数据" />;
  const open = (department: string, filter: Record<string, string> = {}) => void navigate(ledgerPath(campaignId, { department, ...filter }));
  return (
    <EChart
      label="各科室整改情况"
      option={option}
      height={Math.max(300, 260 + lines.length * 4)}
      onClick={(e) => {
        const d = names[e.dataIndex];
        const s = SERIES.find((x) => x.name === e.seriesName);
        if (d) open(d, s?.filter);
      }}
      onPlotClick={(chart, x, y) => {
        // A click in the band of a department but beside its bar: the whole department. Clicks on a
        // bar are handled by onClick (it fires first, and both would navigate to the same page).
        if (chart.containPixel('grid', [x, y]) === false) return;
        const hit = chart.convertFromPixel({ gridIndex: 0 }, [x, y]) as number[] | undefined;
        const d = hit ? names[Math.round(hit[0] ?? -1)] : undefined;
        if (d && !chart.getZr().findHover(x, y)?.target) open(d);
      }}
    />
  );
}
