import type { Db } from '../client';

export interface MeasureRow {
  problemNo: number;
  id: string;
  text: string;
  owner: string;
  due: string;
  done: boolean;
  completedAt: Date | null;
  regulations: number;
  fundsRecoveredWan: number;
  partyDiscipline: number;
  admonishment: number;
  orderedSelfCriticism: number;
  evidenceCount: number;
}

/** Every measure of a campaign (or of one problem), in problem then measure order. */
export async function listMeasures(db: Db, p: { campaignId: string; problemNo?: number }): Promise<MeasureRow[]> {
  const params: unknown[] = [p.campaignId];
  const byProblem = p.problemNo === undefined ? '' : `and m.problem_no = $${params.push(p.problemNo)}`;
  const { rows } = await db.query<MeasureRow>(
    `select m.problem_no as "problemNo", m.id, m.text, m.owner, m.due, m.done, m.completed_at as "completedAt",
       m.regulations, m.funds_recovered_wan as "fundsRecoveredWan", m.party_discipline as "partyDiscipline",
       m.admonishment, m.ordered_self_criticism as "orderedSelfCriticism",
       (select count(*)::int from evidence e
         where e.campaign_id = m.campaign_id and e.problem_no = m.problem_no and e.measure_id = m.id) as "evidenceCount"
     from measures m
     where m.campaign_id = $1 ${byProblem}
     order by m.problem_no, length(m.id), m.id`,
    params,
  );
  return rows;
}
