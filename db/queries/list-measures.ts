import { OUTCOME_FIGURES, type Outcomes } from '../../domain/outcomes';
import type { Db } from '../client';

export interface MeasureRow extends Outcomes {
  problemNo: number;
  id: string;
  text: string;
  owner: string;
  due: string;
  done: boolean;
  completedAt: Date | null;
  evidenceCount: number;
}

/** Every measure of a campaign (or of one problem), in problem then measure order. */
export async function listMeasures(db: Db, p: { campaignId: string; problemNo?: number }): Promise<MeasureRow[]> {
  const params: unknown[] = [p.campaignId];
  const byProblem = p.problemNo === undefined ? '' : `and m.problem_no = $${params.push(p.problemNo)}`;
  const { rows } = await db.query<MeasureRow>(
    `select m.problem_no as "problemNo", m.id, m.text, m.owner, m.due, m.done, m.completed_at as "completedAt",
       ${OUTCOME_FIGURES.map((f) => `m.${f.column} as "${f.key}"`).join(', ')},
       (select count(*)::int from evidence e
         where e.campaign_id = m.campaign_id and e.problem_no = m.problem_no and e.measure_id = m.id) as "evidenceCount"
     from measures m
     where m.campaign_id = $1 ${byProblem}
     order by m.problem_no, length(m.id), m.id`,
    params,
  );
  return rows;
}
