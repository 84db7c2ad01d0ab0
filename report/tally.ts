import type { ReportModel, ReportProblem } from './model';
import { cnDate, wan } from './wording';

// The headline figures of the report, counted from the model: nobody types a number into a
// 通报. Field names match the parser's ReportFigures so a round trip compares like with like.

export interface LedgerFigures {
  problems: number;
  problemsCompleted: number;
  problemsUnfinished: number;
  measures: number;
  measuresCompleted: number;
  regulations: number;
  fundsRecoveredWan: number;
  partyDiscipline: number;
  admonishment: number;
  orderedSelfCriticism: number;
}

export function allProblems(model: ReportModel): ReportProblem[] {
  return model.aspects.flatMap((a) => a.problems);
}

export function tally(model: ReportModel): LedgerFigures {
  const problems = allProblems(model);
  const measures = problems.flatMap((p) => p.measures);
  const sum = (key: 'regulations' | 'partyDiscipline' | 'admonishment' | 'orderedSelfCriticism') =>
    problems.reduce((n, p) => n + p.outcomes[key], 0);
  const completed = problems.filter((p) => p.completed).length;
  return {
    problems: problems.length,
    problemsCompleted: completed,
    problemsUnfinished: problems.length - completed,
    measures: measures.length,
    measuresCompleted: measures.filter((m) => m.done).length,
    regulations: sum('regulations'),
    // In cents, so 0.1 + 0.2 stays 0.3.
    fundsRecoveredWan: problems.reduce((n, p) => n + Math.round(p.outcomes.fundsRecoveredWan * 100), 0) / 100,
    partyDiscipline: sum('partyDiscipline'),
    admonishment: sum('admonishment'),
    orderedSelfCriticism: sum('orderedSelfCriticism'),
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
  const outcomes = [
    f.regulations > 0 ? `建立完善规章制度${f.regulations}个` : '',
    f.fundsRecoveredWan > 0 ? `挽回资金损失${wan(f.fundsRecoveredWan)}万元` : '',
    f.partyDiscipline > 0 ? `党纪处分${f.partyDiscipline}人` : '',
    f.admonishment > 0 ? `诫勉${f.admonishment}人` : '',
    f.orderedSelfCriticism > 0 ? `责令检查${f.orderedSelfCriticism}人` : '',
  ].filter((s) => s !== '');
  if (outcomes.length > 0) clauses.push(outcomes.join('，'));
  return `截至${cnDate(asOf)}，${clauses.join('；')}。`;
}
