// China's working days: statutory holidays (法定节假日) and make-up working days (调休上班) from the
// maintained `chinese-days` package (State Council announcements, one year at a time). Pure data,
// so it runs in the workflow sandbox and the browser: webpack and Vite both bundle the JSON.
//
// The data covers explicit years (calendarCoverage()). A date outside them falls back to weekends
// only and says so (covered: false); the problem workflow tells the office once (uncoveredYears).
// Every function takes an optional `through`: the last year of data a caller may use. A running
// workflow pins it in its state, so installing newer data never changes what a replay computes.
import data from 'chinese-days/dist/chinese-days.json';
import { addDays, type CalendarDate } from './dates';

/** 'YYYY-MM-DD' → "English name,中文名,days": the package's own format. */
const HOLIDAYS: Readonly<Record<string, string>> = data.holidays;
const WORKDAYS: Readonly<Record<string, string>> = data.workdays;

const yearOf = (date: CalendarDate) => Number(date.slice(0, 4));

const COVERAGE = (() => {
  const years = Object.keys(HOLIDAYS).map(yearOf);
  return { from: Math.min(...years), to: Math.max(...years) };
})();

/** The years the installed holiday data covers, e.g. { from: 2004, to: 2026 }. */
export function calendarCoverage(): { from: number; to: number } {
  return { ...COVERAGE };
}

export interface DayKind {
  working: boolean;
  /** False beyond the data's years: then only Saturdays and Sundays are days off. */
  covered: boolean;
  /** 春节, 国庆节, 调休上班, 周六, 周日; absent on an ordinary weekday. */
  name?: string;
}

const WEEKEND = ['周日', '', '', '', '', '', '周六'];

export function isCovered(date: CalendarDate, through = COVERAGE.to): boolean {
  const y = yearOf(date);
  return y >= COVERAGE.from && y <= Math.min(through, COVERAGE.to);
}

export function dayKind(date: CalendarDate, through?: number): DayKind {
  const covered = isCovered(date, through);
  if (covered) {
    const holiday = HOLIDAYS[date];
    if (holiday) return { working: false, covered, name: chineseName(holiday) };
    if (WORKDAYS[date]) return { working: true, covered, name: '调休上班' };
  }
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const name = WEEKEND[weekday];
  return name ? { working: false, covered, name } : { working: true, covered };
}

/** "Spring Festival,春节,4" → 春节 (the package's Chinese name). */
function chineseName(entry: string): string {
  return entry.split(',')[1] || entry;
}

export function isWorkingDay(date: CalendarDate, through?: number): boolean {
  return dayKind(date, through).working;
}

/** The date itself when it is a working day, otherwise the last working day before it. */
export function previousWorkingDay(date: CalendarDate, through?: number): CalendarDate {
  let d = date;
  while (!isWorkingDay(d, through)) d = addDays(d, -1);
  return d;
}

/** The date itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: CalendarDate, through?: number): CalendarDate {
  let d = date;
  while (!isWorkingDay(d, through)) d = addDays(d, 1);
  return d;
}

/**
 * The |n|-th working day after (n > 0) or before (n < 0) `date`, not counting `date` itself;
 * `date` unchanged for n = 0. Seven working days before 2026-10-09 is 2026-09-22: 国庆 and 中秋 are skipped.
 */
export function addWorkingDays(date: CalendarDate, n: number, through?: number): CalendarDate {
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (isWorkingDay(d, through)) left -= 1;
  }
  return d;
}

/** The years among `dates` the data does not cover (weekends only there), ascending, each once. */
export function uncoveredYears(dates: readonly CalendarDate[], through?: number): number[] {
  const years = new Set(dates.filter((d) => !isCovered(d, through)).map(yearOf));
  return [...years].sort((a, b) => a - b);
}

/** "10月1日" */
export function monthDayLabel(date: CalendarDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
