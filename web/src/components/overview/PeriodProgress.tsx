import { Flex, Progress, Statistic, Typography } from 'antd';
import type { Overview } from '../../api/desk';
import { monthDay } from '../../lib/time';

type Period = Overview['period'];

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

function Bar({ label, detail, percent, color }: { label: string; detail: string; percent: number; color: string }) {
  return (
    <div>
      <Flex justify="space-between" wrap gap={4}>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text type="secondary">{detail}</Typography.Text>
      </Flex>
      <Progress percent={percent} strokeColor={color} aria-label={label} />
    </div>
  );
}

/**
 * 集中整改期进度: how much of the period has gone, against how much of the work is done. Closing
 * should keep pace with the calendar; a time bar far ahead of the others is the warning.
 */
export function PeriodProgress({ p }: { p: Period }) {
  const time = pct(p.daysElapsed, p.daysTotal);
  const closed = pct(p.closed, p.problems);
  const daysLeft = p.daysTotal - p.daysElapsed;
  const behind = time - closed >= 20;
  return (
    <Flex vertical gap={12} data-testid="period-progress">
      <Flex gap={32} wrap>
        <Statistic title="距集中整改期截止" value={Math.max(0, daysLeft)} suffix="天" styles={{ content: { color: daysLeft <= 14 ? '#cf1322' : undefined, fontWeight: 600 } }} />
        <Statistic title="尚未销号" value={p.problems - p.closed} suffix="项" styles={{ content: { fontWeight: 600 } }} />
      </Flex>
      <Typography.Text type="secondary">
        反馈日 {monthDay(p.feedbackDate)} — 集中整改期截止 {monthDay(p.concentratedPeriodEnd)}（今天 {monthDay(p.today)}）
      </Typography.Text>
      <Bar label="时间进度" detail={daysLeft > 0 ? `已过 ${p.daysElapsed} / ${p.daysTotal} 天，还剩 ${daysLeft} 天` : '集中整改期已结束'} percent={time} color="#8c8c8c" />
      <Bar label="问题销号" detail={`已销号 ${p.closed} / ${p.problems} 项`} percent={closed} color={behind ? '#fa541c' : '#52c41a'} />
      <Bar label="措施完成" detail={`已完成 ${p.measuresDone} / ${p.measures} 条`} percent={pct(p.measuresDone, p.measures)} color="#1677ff" />
      {behind && (
        <Typography.Text type="warning">销号进度落后于时间进度 {time - closed} 个百分点，请重点督促。</Typography.Text>
      )}
    </Flex>
  );
}
