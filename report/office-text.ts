import type { ReportSection } from '../db/queries/list-report-texts';
import { readHeading } from './markers';
import { isClosing } from './outline';

// The office writes some paragraphs of the report by hand. A line that a reader (or parseReport)
// would take for the report's own structure — a "二、" heading, the closing invitation, a
// signature or a date — would cut the report in the wrong place, so it is refused up front
// with a hint where it belongs.

/** Why `text` cannot go into `section`, or null when it can. */
export function officeTextProblem(section: ReportSection, text: string): string | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return '文字不能为空（恢复默认文字请用 --clear）';
  if (section === 'issuer') {
    return lines.length === 1 && lines[0]!.length <= 40 ? null : '落款单位只写一行单位名称（不超过 40 字），如“中共××医院委员会”；日期由系统按统计截至日期生成';
  }
  for (const line of lines) {
    const h = readHeading(line);
    if (h?.kind === 'section' && line.length <= 80 && !/[。！？]/.test(line.slice(0, -1))) {
      return `「${line}」以“一、二、三、”开头，会被读作通报的大标题：大标题由系统生成，段内层次请用（一）（二）`;
    }
    if (section !== 'contact' && isClosing(line)) {
      return `「${line}」会被读作通报的结尾：欢迎监督和联系方式请用 --section contact，落款单位请用 --section issuer`;
    }
  }
  return null;
}
