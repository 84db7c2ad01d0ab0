import { OUTCOME_FIGURES, sumOutcomes, type Outcomes } from '../domain/outcomes';
import type { ReportModel, ReportProblem } from './model';
import { cnDate, wan } from './wording';

// The headline figures of the report, counted from the model: nobody types a number into a
// 通报. Field names match the parser's ReportFigures so a round trip compares like with like.

export interface LedgerFigures extends Outcomes {
  problems: number;
  problemsCompleted: number;
  problemsUnfinished: number;
  measures: number;
  measuresCompleted: number;
}

export function allProblems(model: ReportModel): ReportProblem[] {
  return model.aspects.flatMap((a) => a.problems);
}

export function tally(model: ReportModel): LedgerFigures {
  const problems = allProblems(model);
  const measures = problems.flatMap((p) => p.measures);
  const completed = problems.filter((p) => p.completed).length;
  return {
    problems: problems.length,
    problemsCompleted: completed,
    problemsUnfinished: problems.length - completed,
    measures: measures.length,
    measuresCompleted: measures.filter((m) => m.done).length,
    ...sumOutcomes(problems.map((p) => p.outcomes)),
  };
}

/**
 * The figures sentence. Problem and measure counts are always stated; a zero outcome (no
 * regulations, nobody disciplined) is left out, as published reports do, and "未完成整改0个"
 * becomes "已全部完成整改".
 */
export function figuresSentence(f: LedgerFigures, asOf: string): string {
  const problems = f.problemsUnfinished === 0 && f.problems > 0
    ? `巡察反馈的${f.problems}个问题已全部完成整改`
    : `巡察反馈的${f.problems}个问题，已完成整改${f.problemsCompleted}个，未完成整改${f.problemsUnfinished}个`;
  const clauses = [problems];
  if (f.measures > 0) clauses.push(`制定整改措施${f.measures}条，已完成${f.measuresCompleted}条`);
  const outcomes = OUTCOME_FIGURES.filter((o) => f[o.key] > 0).map(
    (o) => `${o.reportPhrase}${o.decimals === 2 ? wan(f[o.key]) : f[o.key]}${o.reportUnit}`,
  );
  if (outcomes.length > 0) clauses.push(outcomes.join('，'));
  return `截至${cnDate(asOf)}，${clauses.join('；')}。`;
}
