import type { ProblemStatus, WarningLevel } from '../../domain/problem-types';
import type { ProblemKind } from '../../domain/schemas';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';

export interface ListProblemsParams {
  campaignId: string;
  status?: ProblemStatus;
  department?: string;
  /** 'YYYY-MM-DD': only problems overdue on that day (deadline before it, see OVERDUE_STATUSES). */
  overdueOn?: string;
}

export interface ProblemListRow {
  campaignId: string;
  no: number;
  aspectNo: number;
  title: string;
  kind: ProblemKind;
  responsibleLeader: string;
  department: string;
  owner: string;
  originalDeadline: string | null;
  deadline: string | null;
  status: ProblemStatus;
  warning: WarningLevel;
  workflowId: string;
  version: number;
  closedOn: string | null;
  reopenCount: number;
  lastAction: string | null;
  lastActionAt: Date | null;
  measuresTotal: number;
  measuresDone: number;
  regulations: number;
  fundsRecoveredWan: number;
  partyDiscipline: number;
  admonishment: number;
  orderedSelfCriticism: number;
}

/** The ledger view: problems in number order with their measure counts and outcome sums. */
export async function listProblems(db: Db, p: ListProblemsParams): Promise<ProblemListRow[]> {
  const params: unknown[] = [p.campaignId];
  const where = ['p.campaign_id = $1'];
  if (p.status) where.push(`p.status = $${params.push(p.status)}`);
  if (p.department) where.push(`p.department = $${params.push(p.department)}`);
  if (p.overdueOn) {
    where.push(`p.deadline < $${params.push(p.overdueOn)}::date`);
    where.push(`p.status = any($${params.push(OVERDUE_STATUSES)}::text[])`);
  }
  const { rows } = await db.query<ProblemListRow>(
    `select p.campaign_id as "campaignId", p.no, p.aspect_no as "aspectNo", p.title, p.kind,
       p.responsible_leader as "responsibleLeader", p.department, p.owner,
       p.original_deadline as "originalDeadline", p.deadline, p.status, p.warning, p.workflow_id as "workflowId",
       p.version, p.closed_on as "closedOn", p.reopen_count as "reopenCount",
       p.last_action as "lastAction", p.last_action_at as "lastActionAt",
       count(m.id)::int as "measuresTotal", (count(m.id) filter (where m.done))::int as "measuresDone",
       coalesce(sum(m.regulations), 0)::int as regulations,
       coalesce(sum(m.funds_recovered_wan), 0)::numeric(14, 2) as "fundsRecoveredWan",
       coalesce(sum(m.party_discipline), 0)::int as "partyDiscipline",
       coalesce(sum(m.admonishment), 0)::int as admonishment,
       coalesce(sum(m.ordered_self_criticism), 0)::int as "orderedSelfCriticism"
     from problems p
     left join measures m on m.campaign_id = p.campaign_id and m.problem_no = p.no
     where ${where.join(' and ')}
     group by p.campaign_id, p.no
     order by p.no`,
    params,
  );
  return rows;
}
