import type { Db } from '../client';

/** What the after-fault verifier compares with a problem workflow's live state. */
export interface ProjectedProblem {
  campaignId: string;
  no: number;
  workflowId: string;
  version: number;
  status: string;
  warning: string;
  deadline: string | null;
  /** Measure ids in measure order, with their done flag. */
  measures: { id: string; done: boolean }[];
}

/** Every problem row of the given campaigns with its measures, in problem order. */
export async function listProjectedProblems(db: Db, campaignIds: string[]): Promise<ProjectedProblem[]> {
  const { rows } = await db.query<ProjectedProblem>(
    `select p.campaign_id as "campaignId", p.no, p.workflow_id as "workflowId", p.version, p.status, p.warning, p.deadline,
       coalesce((select json_agg(json_build_object('id', m.id, 'done', m.done) order by length(m.id), m.id)
         from measures m where m.campaign_id = p.campaign_id and m.problem_no = p.no), '[]'::json) as measures
     from problems p
     where p.campaign_id = any($1)
     order by p.campaign_id, p.no`,
    [campaignIds],
  );
  return rows;
}
