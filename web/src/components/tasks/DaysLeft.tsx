import { Tag } from 'antd';

/** "已逾期 N 天" in red, "今天到期" in orange, "还剩 N 天" (orange within three days); nothing without a deadline. */
export function DaysLeft({ days }: { days: number | null }) {
  if (days === null) return <Tag style={{ marginInlineEnd: 0 }}>长期</Tag>;
  if (days < 0) return <Tag color="red" style={{ marginInlineEnd: 0, fontWeight: 600 }}>已逾期 {-days} 天</Tag>;
  if (days === 0) return <Tag color="orange" style={{ marginInlineEnd: 0, fontWeight: 600 }}>今天到期</Tag>;
  return <Tag color={days <= 3 ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>还剩 {days} 天</Tag>;
}
