import { findFeedbackDate, findIssuedDate } from './dates';
import { extractFigures } from './figures';
import { toParagraphs } from './normalize';
import { outline, type Outline } from './outline';
import { progressSections, readProgress } from './progress';
import { ParsedReportSchema, ReportParseError, type ParsedReport } from './schema';

export { ParsedReportSchema, ReportParseError, type ParsedReport } from './schema';

// parseReport: published rectification progress report (整改进展情况通报) as plain text →
// ParsedReport. Pure: no I/O, no clock, no randomness. Rules are documented in report/README.md.

const ORG_PATTERNS: readonly RegExp[] = [
  /(?:中共|中国共产党)(.+?)(?:总支部委员会|支部委员会|委员会|党委|党总支|党支部|党组)/,
  /^(.+?)(?:党委|党总支|党支部|党组)?关于/,
];
const ORG_IN_PREAMBLE = /对(?:中共)?(.+?)(?:委员会|党委|党总支|党支部|党组)?(?:开展|进行)(?:了)?/;

/**
 * The inspected organisation: the body named in the title between 中共/中国共产党 and its party
 * committee (委员会/党委…), else the title's subject before "关于", else "对…开展了巡察" in the
 * preamble.
 */
function findOrg(doc: Outline): string | null {
  const title = doc.title.join('');
  for (const re of ORG_PATTERNS) {
    const name = re.exec(title)?.[1]?.trim();
    if (name) return name;
  }
  return ORG_IN_PREAMBLE.exec(doc.preamble.join(''))?.[1]?.trim() || null;
}

export function parseReport(text: string): ParsedReport {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ReportParseError('报告内容为空，无法解析整改进展情况通报。', 'empty');
  }
  const paragraphs = toParagraphs(text);
  if (paragraphs.length === 0) {
    throw new ReportParseError('报告内容为空（仅含页码或书签残留），无法解析整改进展情况通报。', 'empty');
  }
  const doc = outline(paragraphs);
  const progress = readProgress(doc);
  if (!progress) {
    throw new ReportParseError('未找到整改进展部分（如“二、整改进展情况”），无法解析。', 'no-progress-part');
  }
  if (!progress.aspects.some((a) => a.problems.length > 0)) {
    throw new ReportParseError('整改进展部分中未识别到任何编号的整改问题，无法解析。', 'no-problems');
  }
  // Headline figures and the feedback sentence sit outside the problems: preamble, the other
  // sections, and the progress part's intro. Without a section skeleton the preamble already
  // is that intro.
  const inProgress = new Set(progressSections(doc.sections));
  const outside = doc.sections.filter((s) => !inProgress.has(s)).flatMap((s) => [s.title, ...s.paragraphs]);
  const context = doc.sections.length > 0 ? [...doc.preamble, ...outside, ...progress.intro] : progress.intro;
  return ParsedReportSchema.parse({
    org: findOrg(doc),
    feedbackDate: findFeedbackDate(context),
    issuedDate: findIssuedDate(doc.closing),
    aspects: progress.aspects,
    figures: extractFigures(context),
  });
}
