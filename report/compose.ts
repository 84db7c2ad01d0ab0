import type { ReportSection } from '../db/queries/list-report-texts';
import { defaultText } from './defaults';
import type { ReportModel } from './model';
import type { Block, HeadingLevel, HeadingRole, ParagraphRole } from './blocks';
import { problemBlocks } from './problem-text';
import { allProblems, figuresSentence, tally, type LedgerFigures } from './tally';
import { cnDate, cnParen, cnRange, cnSection, headingText, oneLine, sentence } from './wording';

// ReportModel → the report as a sequence of blocks, in the shape of the published reports in
// tests/fixtures/seeds (Luoyang's when something is unfinished). Pure: the markdown and Word
// writers only lay these blocks out, so both say exactly the same thing.

export interface ReportDocument {
  title: string;
  blocks: Block[];
  figures: LedgerFigures;
  /** Office-edited sections that fell back to default wording (the CLI reminds the office). */
  defaulted: ReportSection[];
}

export const COMPLETED_PART = '已完成整改事项';
export const UNFINISHED_PART = '未整改到位事项进展及承诺整改时限';

const heading = (level: HeadingLevel, role: HeadingRole, text: string): Block => ({ kind: 'heading', level, role, text });
const paragraph = (role: ParagraphRole, text: string): Block => ({ kind: 'paragraph', role, text });

export function reportTitle(model: ReportModel): string {
  return `中共${model.organisation}委员会关于${model.inspectionTeam}巡察整改进展情况的通报`;
}

function preamble(model: ReportModel): string {
  // 市委第二巡察组 → 根据市委统一部署; a team without a named committee gets a neutral phrase.
  const superior = /省委|市委|州委|盟委|县委|区委|旗委/.exec(model.inspectionTeam)?.[0] ?? '上级党组织';
  const org = `${model.organisation}党委`;
  return (
    `根据${superior}统一部署，${cnRange(model.inspectionStart, model.inspectionEnd)}，${model.inspectionTeam}对${org}开展了巡察。` +
    `${cnDate(model.feedbackDate)}，${model.inspectionTeam}向${org}反馈了巡察意见。` +
    '按照巡察工作有关要求，现将巡察整改进展情况予以公布。'
  );
}

/**
 * Office text: one paragraph per line, each a finished sentence — an unpunctuated line such as
 * "成立领导小组" or "2025年3月1日" would otherwise read as the signature or date that ends the report.
 */
const officeParagraphs = (text: string): string[] => text.split(/\r?\n/).map(sentence).filter((p) => p !== '');

function organisationBlocks(model: ReportModel, office: string): Block[] {
  const meetings = model.events.filter((e) => e.kind === 'meeting').length;
  return [
    ...officeParagraphs(office).map((p) => paragraph('office', p)),
    ...(meetings > 0 ? [paragraph('office', `集中整改期间，召开巡察整改相关会议${meetings}次，研究部署整改工作，协调解决重点难点问题。`)] : []),
    ...model.events.map((e) => paragraph('event', `${cnDate(e.onDate)}，${sentence(e.text)}`)),
  ];
}

/** An aspect number in a split report (1.): a space keeps "1.2024年…" from reading as a decimal. */
const arabicMarker = (n: number, title: string): string => (/^[\d.．]/.test(title) ? `${n}. ` : `${n}.`);

/**
 * 二、: aspects and problems. When anything is unfinished the part splits into completed and
 * unfinished items (Luoyang's shape); otherwise aspects （一） hold the problems directly.
 * Problems are （1）（2）… restarting in every aspect: the parser reads at most three digits.
 */
function progressBlocks(model: ReportModel): Block[] {
  const aspects = (completed: boolean) =>
    model.aspects.map((a) => ({ ...a, problems: a.problems.filter((p) => p.completed === completed) })).filter((a) => a.problems.length > 0);
  const listed = (level: 2 | 3, completed: boolean): Block[] =>
    aspects(completed).flatMap((a, i) => {
      const title = headingText(a.title);
      const marker = level === 2 ? cnParen(i + 1) : arabicMarker(i + 1, title);
      return [heading(level, 'aspect', marker + title), ...a.problems.flatMap((p, j) => problemBlocks(p, j + 1, (level + 1) as HeadingLevel))];
    });
  if (allProblems(model).every((p) => p.completed)) return listed(2, true);
  const parts: Array<[string, boolean]> = [[COMPLETED_PART, true], [UNFINISHED_PART, false]];
  return parts
    .filter(([, completed]) => aspects(completed).length > 0)
    .flatMap(([title, completed], i) => [heading(2, 'part', cnParen(i + 1) + title), ...listed(3, completed)]);
}

export function compose(model: ReportModel): ReportDocument {
  const figures = tally(model);
  const defaulted: ReportSection[] = [];
  const text = (section: ReportSection): string => {
    const own = model.texts[section];
    if (own !== undefined && own.trim() !== '') return own;
    defaulted.push(section);
    return defaultText(section, model, figures.problemsUnfinished);
  };
  const title = reportTitle(model);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    paragraph('preamble', preamble(model)),
    heading(1, 'section', `${cnSection(1)}整改工作基本情况`),
    // The figures lead the section: the parser (like a reader) takes the first count it meets.
    paragraph('figures', figuresSentence(figures, model.asOf)),
    ...organisationBlocks(model, text('organisation')),
    heading(1, 'section', `${cnSection(2)}集中整改进展情况`),
    ...progressBlocks(model),
    heading(1, 'section', `${cnSection(3)}下一步工作打算`),
    ...officeParagraphs(text('next-steps')).map((p) => paragraph('office', p)),
    ...officeParagraphs(text('contact')).map((p) => paragraph('closing', p)),
    { kind: 'signature', text: oneLine(text('issuer')) },
    { kind: 'date', text: cnDate(model.asOf) },
  ];
  return { title, blocks, figures, defaulted };
}
