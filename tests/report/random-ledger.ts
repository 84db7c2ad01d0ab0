// A generated campaign in a mix of states, and what its report must say — worked out from the
// ledger with the existing queries (listProblems, listMeasures, campaignStats), not with the
// report model, so the round trip checks the writer against an independent reading.
import type { Db } from '../../db/client';
import { campaignStats } from '../../db/queries/campaign-stats';
import { getCampaign } from '../../db/queries/get-campaign';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { listMeasures } from '../../db/queries/list-measures';
import { queryLedger } from '../../db/queries/ledger';
import { recordProblem } from '../../db/queries/record-problem';
import type { ProblemStatus } from '../../domain/problem-types';
import type { ParsedReport } from '../../report/parse';
import { doneMeasure, snapshot, testLedger, write } from '../db/fixtures';

const ASPECTS = ['关于落实党中央决策部署方面', '关于全面从严治党方面', '关于巡察整改和成果运用方面'];
const AREAS = ['财务报销', '物资采购', '人事档案', '医疗收费', '基建项目'];

/** Problem i: aspect i%3, measures i%5, long-term every 7th; unfinished when i % openEvery === 1. */
export async function loadRandomCampaign(db: Db, id: string, count: number, openEvery: number): Promise<void> {
  const numbers = Array.from({ length: count }, (_, k) => k + 1);
  const ledger = testLedger({
    id,
    aspects: ASPECTS.map((title, k) => ({ no: k + 1, title })),
    problems: numbers.map((i) => ({
      no: i,
      aspect: (i % 3) + 1,
      title: `${AREAS[i % 5]}工作存在薄弱环节（第${i}项）`,
      kind: i % 7 === 0 ? 'long-term' : 'time-bound',
      responsibleLeader: 'dean',
      department: i % 2 ? '财务科' : '医务科',
      owner: i % 2 ? 'fin-head' : 'med-head',
      deadline: i % 7 === 0 ? undefined : `2025-0${(i % 6) + 1}-${String((i % 27) + 1).padStart(2, '0')}`,
      measures: Array.from({ length: i % 5 }, (_, k) => ({ text: `针对第${i}项问题落实第${k + 1}条措施，完善${AREAS[(i + k) % 5]}制度`, owner: i % 2 ? 'fin-2' : 'med-head', due: '2025-03-01' })),
    })),
  });
  await insertCampaign(db, ledger);
  const openStates: ProblemStatus[] = ['in_progress', 'planning', 'leader_review', 'office_verification'];
  for (const i of numbers) {
    const base = snapshot(ledger, i);
    const unfinished = openEvery > 0 && i % openEvery === 1;
    const outcomes = { regulations: i % 3, fundsRecoveredWan: (i % 4) * 1.25, partyDiscipline: i % 11 === 0 ? 1 : 0, admonishment: i % 5 === 0 ? 1 : 0, orderedSelfCriticism: i % 6 === 0 ? 2 : 0 };
    const status = unfinished ? (base.kind === 'long-term' ? 'phase_complete' : (openStates[i % 4] ?? 'in_progress')) : 'closed';
    const measures = base.measures.map((m, k) => (unfinished && k % 2 === 1 ? m : doneMeasure(m, outcomes)));
    await recordProblem(db, write(ledger, snapshot(ledger, i, { status, measures, closedOn: unfinished ? undefined : '2025-03-01', version: 5 })));
  }
}

const stated = (n: number): number | null => (n === 0 ? null : n);

export async function ledgerExpectation(db: Db, id: string, asOf: string): Promise<ParsedReport> {
  const record = await getCampaign(db, id);
  if (!record) throw new Error(`no campaign ${id}`);
  const { rows: problems } = await queryLedger(db, { campaignId: id, today: asOf });
  const measures = await listMeasures(db, { campaignId: id });
  const stats = await campaignStats(db, id, asOf);
  const split = problems.some((p) => p.status !== 'closed');
  const part = (closed: boolean) =>
    record.aspects
      .map((a) => ({
        title: a.title,
        problems: problems
          .filter((p) => p.aspectNo === a.no && (p.status === 'closed') === closed)
          .map((p) => ({
            title: p.title,
            status: split ? (closed ? ('completed' as const) : ('unfinished' as const)) : null,
            committedDeadline: closed ? null : p.deadline,
            measures: measures.filter((m) => m.problemNo === p.no).map((m) => `${m.text}。`),
          })),
      }))
      .filter((a) => a.problems.length > 0);
  return {
    org: record.campaign.organisation,
    feedbackDate: record.campaign.feedbackDate,
    issuedDate: asOf,
    aspects: split ? [...part(true), ...part(false)] : part(true),
    // The report leaves zero outcomes unsaid and writes "已全部完成整改" for no unfinished problem.
    figures: {
      problems: stats.problems,
      problemsCompleted: stats.closed,
      problemsUnfinished: stated(stats.problems - stats.closed),
      measures: stats.measures === 0 ? null : stats.measures,
      measuresCompleted: stats.measures === 0 ? null : stats.measuresDone,
      regulations: stated(stats.regulations),
      fundsRecoveredWan: stated(stats.fundsRecoveredWan),
      partyDiscipline: stated(stats.partyDiscipline),
      admonishment: stated(stats.admonishment),
      orderedSelfCriticism: stated(stats.orderedSelfCriticism),
    },
  };
}
