// Calendar dates are Asia/Shanghai (UTC+8, no daylight saving since 1991), so a fixed offset is
// exact and keeps these helpers pure: they run inside the workflow sandbox too.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** A calendar date 'YYYY-MM-DD'. */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The instant at `hour`:00 Shanghai time on `date`. */
export function shanghaiInstant(date: CalendarDate, hour = 0): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`无效日期: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour) - SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date | number): CalendarDate {
  const t = new Date((typeof instant === 'number' ? instant : instant.getTime()) + SHANGHAI_OFFSET_MS);
  return t.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return shanghaiDate(shanghaiInstant(date).getTime() + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((shanghaiInstant(b).getTime() - shanghaiInstant(a).getTime()) / DAY_MS);
}
