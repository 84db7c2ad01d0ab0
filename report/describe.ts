import { OUTCOME_FIGURES } from '../domain/outcomes';
import type { ParsedReport } from './schema';

const STATUS: Record<string, string> = { completed: '已完成', unfinished: '未完成' };

/** A person-readable summary of a parsed report: what was found, aspect by aspect. */
export function describeReport(r: ParsedReport): string {
  const problems = r.aspects.reduce((n, a) => n + a.problems.length, 0);
  const measures = r.aspects.reduce((n, a) => n + a.problems.reduce((m, p) => m + p.measures.length, 0), 0);
  const lines = [
    `被巡察单位：${r.org ?? '（未识别）'}　反馈日期：${r.feedbackDate ?? '（未识别）'}　通报日期：${r.issuedDate ?? '（未识别）'}`,
    `方面 ${r.aspects.length} 个，问题 ${problems} 个，措施 ${measures} 条`,
  ];
  r.aspects.forEach((a, i) => {
    lines.push(`${i + 1}. ${a.title}（${a.problems.length} 个问题）`);
    for (const p of a.problems) {
      const status = p.status ? `［${STATUS[p.status]}${p.committedDeadline ? `，承诺 ${p.committedDeadline}` : ''}］` : '';
      lines.push(`   - ${p.title}${status}：措施 ${p.measures.length} 条`);
    }
  });
  const f = r.figures;
  const figure = (label: string, v: number | null, unit: string) => (v === null ? null : `${label} ${v}${unit}`);
  const stated = [
    figure('问题', f.problems, '个'),
    figure('已完成', f.problemsCompleted, '个'),
    figure('未完成', f.problemsUnfinished, '个'),
    figure('措施', f.measures, '条'),
    figure('已完成措施', f.measuresCompleted, '条'),
    ...OUTCOME_FIGURES.map((o) => figure(o.label, f[o.key], o.unit)),
  ].filter((x): x is string => x !== null);
  lines.push(`通报所列数字：${stated.length ? stated.join('，') : '无'}`);
  return lines.join('\n');
}
