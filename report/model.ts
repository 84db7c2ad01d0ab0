import { shanghaiDate } from '../domain/dates';
import { sumOutcomes, type Outcomes } from '../domain/outcomes';
import type { ProblemStatus } from '../domain/problem-types';
import type { ProblemKind } from '../domain/schemas';
import type { Db } from '../db/client';
import { getCampaign } from '../db/queries/get-campaign';
import { listCampaignEvents } from '../db/queries/list-campaign-events';
import { listMeasures } from '../db/queries/list-measures';
import { latestProgress } from '../db/queries/latest-progress';
import { queryLedger } from '../db/queries/ledger';
import { listReportTexts, type ReportSection } from '../db/queries/list-report-texts';

// Everything the progress report (通报) says, read from the live ledger once and then handled as
// plain data: compose.ts and the writers never touch the database, so they are tested on
// hand-built models and produce the same document for the same model.

export interface ReportMeasure {
  text: string;
  /** Completed on or before the report date. */
  done: boolean;
}

export interface ReportProblem {
  no: number;
  title: string;
  kind: ProblemKind;
  status: ProblemStatus;
  /** Struck off (销号) on or before the report date. */
  completed: boolean;
  /** The committed deadline: the ledger's, or the approved extension. */
  deadline: string | null;
  measures: ReportMeasure[];
  /** The latest progress note (目前进展) reported on or before the report date. */
  progress: string | null;
  /** Summed over the measures done by the report date. */
  outcomes: Outcomes;
}

export interface ReportAspect {
  no: number;
  title: string;
  problems: ReportProblem[];
}

export interface ReportEvent {
  onDate: string;
  kind: string;
  text: string;
}

export interface ReportModel {
  campaignId: string;
  organisation: string;
  inspectionTeam: string;
  inspectionStart: string;
  inspectionEnd: string;
  feedbackDate: string;
  /** The report speaks for the ledger as it stood at the end of this day (Asia/Shanghai). */
  asOf: string;
  /** The leading group head's title (党委书记), for the default wording. */
  headTitle: string | null;
  aspects: ReportAspect[];
  events: ReportEvent[];
  /** Office-edited sections; absent ones get default wording. */
  texts: Partial<Record<ReportSection, string>>;
}

export class CampaignNotFoundError extends Error {
  constructor(readonly campaignId: string) {
    super(`找不到巡察整改「${campaignId}」：请确认编号，或先用 rectify campaign create 载入台账`);
    this.name = 'CampaignNotFoundError';
  }
}

const onOrBefore = (at: Date | string | null, asOf: string): boolean => at === null || shanghaiDate(new Date(at)) <= asOf;

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Reads a campaign's ledger into a ReportModel as of `asOf` ('YYYY-MM-DD'). */
export async function loadReportModel(db: Db, campaignId: string, asOf: string): Promise<ReportModel> {
  const record = await getCampaign(db, campaignId);
  if (!record) throw new CampaignNotFoundError(campaignId);
  const { campaign, people } = record;
  const [problems, measures, progress, events, texts] = await Promise.all([
    queryLedger(db, { campaignId, today: asOf }).then((page) => page.rows),
    listMeasures(db, { campaignId }),
    latestProgress(db, campaignId, asOf),
    listCampaignEvents(db, campaignId),
    listReportTexts(db, campaignId),
  ]);
  const byProblem = groupBy(measures, (m) => m.problemNo);
  const toProblem = (p: (typeof problems)[number]): ReportProblem => {
    const own = byProblem.get(p.no) ?? [];
    // Measures closed with the ledger (a report published before it) carry no completion time.
    const done = own.filter((m) => m.done && onOrBefore(m.completedAt, asOf));
    const isDone = new Set(done);
    return {
      no: p.no,
      title: p.title,
      kind: p.kind,
      status: p.status,
      completed: p.status === 'closed' && (p.closedOn === null || p.closedOn <= asOf),
      deadline: p.deadline,
      measures: own.map((m) => ({ text: m.text, done: isDone.has(m) })),
      progress: progress.get(p.no) ?? null,
      outcomes: sumOutcomes(done),
    };
  };
  const byAspect = groupBy(problems, (p) => p.aspectNo);
  return {
    campaignId,
    organisation: campaign.organisation,
    inspectionTeam: campaign.inspectionTeam,
    inspectionStart: campaign.inspectionStart,
    inspectionEnd: campaign.inspectionEnd,
    feedbackDate: campaign.feedbackDate,
    asOf,
    headTitle: people.find((p) => p.id === campaign.leadingGroup.head)?.title ?? null,
    aspects: record.aspects.map((a) => ({ no: a.no, title: a.title, problems: (byAspect.get(a.no) ?? []).map(toProblem) })),
    events: events.filter((e) => e.onDate <= asOf).map((e) => ({ onDate: e.onDate, kind: e.kind, text: e.text })),
    texts: Object.fromEntries(texts.map((t) => [t.section, t.text])),
  };
}
