import { isValidDate } from '../domain/dates';

export interface InspectionFacts {
  team?: string;
  start?: string;
  end?: string;
}

const pad = (n: string) => n.padStart(2, '0');
const CN_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };

/**
 * Who inspected and when, from the preamble ("2023年9月8日至12月27日，市委第二巡察组对…").
 * "3月底" / "6月" read as the month's last day and "月初" as its first; unstated parts stay absent.
 */
export function inspectionFacts(text: string): InspectionFacts {
  const head = text.slice(0, 1500).replace(/\s+/g, '');
  const out: InspectionFacts = {};
  const team = /((?:省委|市委|县委|区委)第[一二三四五六七八九十\d]+巡察组)/.exec(head);
  if (team) out.team = team[1]!.replace(/[一二三四五六七八九十]/g, (c) => CN_DIGIT[c] ?? c).replace(/第(\d+)/, (_, n: string) => `第${toChinese(Number(n))}`);
  const range = /(\d{4})年(\d{1,2})月(\d{1,2}日|底|初|)至(?:(\d{4})年)?(\d{1,2})月(\d{1,2}日|底|初|)/.exec(head);
  if (range) {
    const y1 = range[1]!;
    const y2 = range[4] ?? (Number(range[5]) < Number(range[2]) ? String(Number(y1) + 1) : y1);
    out.start = day(y1, range[2]!, range[3]!, 'first');
    out.end = day(y2, range[5]!, range[6]!, 'last');
  }
  return out;
}

function day(y: string, m: string, d: string, missing: 'first' | 'last'): string | undefined {
  let dd: string;
  if (d.endsWith('日')) dd = pad(d.slice(0, -1));
  else if (d === '初' || (d === '' && missing === 'first')) dd = '01';
  else dd = String(new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate());
  const iso = `${y}-${pad(m)}-${dd}`;
  return isValidDate(iso) ? iso : undefined;
}

function toChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : digits[n]!;
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}
