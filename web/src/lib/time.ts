// Times as people in China read them: Beijing time whatever the browser's own zone.
const PARTS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> {
  return Object.fromEntries(PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

/** "2024-12-05 09:00" (Beijing time). */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "12月5日" for a calendar date 'YYYY-MM-DD' of this year, "2025年1月5日" otherwise. */
export function monthDay(date: string, thisYear = new Date().getFullYear()): string {
  const [y, m, d] = date.split('-').map(Number);
  const md = `${m}月${d}日`;
  return y === thisYear ? md : `${y}年${md}`;
}

/** "1.2 MB", "830 KB". */
export function fileSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
