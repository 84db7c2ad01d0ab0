import { type AccountRole, isDepartmentRole } from '../../domain/accounts';
import type { ProblemStatus, WarningLevel } from '../../domain/problem-types';
import type { ProblemKind } from '../../domain/schemas';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';
import { Binds, capOf, capped, type Capped, type LedgerScope, type PersonName, scopeSql } from './desk-scope';

// 我的任务: what is waiting for the signed-in person. A department sees its work (claim, plan,
// measures falling due, what came back with a reason); a leader, the office and the head see what
// waits for their decision. The workflow stays the authority on who may act; this only lists.

export interface MyTasksParams {
  campaignId: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  today: string;
  scope: LedgerScope;
  personId: string;
  role: AccountRole;
  /** The campaign policy's extension approver. */
  extensionApprover: 'head' | 'office';
  /** Rows per list (default DESK_LIST_CAP). */
  limit?: number;
}

export interface TaskProblem {
  no: number;
  title: string;
  kind: ProblemKind;
  owner: string;
  ownerName: string;
  deadline: string | null;
  /** deadline − today; negative once passed; null without a deadline. */
  daysLeft: number | null;
  warning: WarningLevel;
  lastActionAt: Date | null;
}

export interface DueMeasure {
  no: number;
  title: string;
  measureId: string;
  text: string;
  owner: string;
  ownerName: string;
  due: string;
  daysLeft: number;
}

export interface ReturnedItem {
  no: number;
  title: string;
  /** decidePlan | reviewClosure | verifyClosure | approveClosure | decideExtension */
  action: string;
  reason: string;
  at: Date;
  by: PersonName;
}

export type WaitingKind = 'plan' | 'closure-review' | 'verification' | 'final-approval' | 'extension';

export interface WaitingItem {
  no: number;
  title: string;
  department: string;
  status: ProblemStatus;
  kind: WaitingKind;
  /** When it started waiting: entering the status, or the extension request. */
  since: Date | null;
}

export interface MyTasks {
  toClaim: Capped<TaskProblem>;
  toPlan: Capped<TaskProblem>;
  measuresDue: Capped<DueMeasure>;
  returned: Capped<ReturnedItem>;
  waitingForMe: Capped<WaitingItem>;
}

const none = <T>(): Capped<T> => ({ items: [], total: 0 });

/** Decisions of the problem's responsible leader (the head is often one too) and of the group. */
const LEADER_WAITS: Partial<Record<ProblemStatus, WaitingKind>> = { plan_review: 'plan', leader_review: 'closure-review' };
const GROUP_WAITS: Partial<Record<AccountRole, Partial<Record<ProblemStatus, WaitingKind>>>> = {
  office: { office_verification: 'verification' },
  head: { head_approval: 'final-approval' },
};

export async function myTasks(db: Db, q: MyTasksParams): Promise<MyTasks> {
  const limit = capOf(q.limit);
  const dept = isDepartmentRole(q.role);
  const [toClaim, toPlan, measuresDue, returned, waitingForMe] = await Promise.all([
    dept ? problemsIn(db, q, 'assigned', limit) : none<TaskProblem>(),
    dept ? problemsIn(db, q, 'planning', limit) : none<TaskProblem>(),
    dept ? dueMeasures(db, q, limit) : none<DueMeasure>(),
    dept ? returnedItems(db, q, limit) : none<ReturnedItem>(),
    waiting(db, q, limit),
  ]);
  return { toClaim, toPlan, measuresDue, returned, waitingForMe };
}

async function problemsIn(db: Db, q: MyTasksParams, status: ProblemStatus, limit: number): Promise<Capped<TaskProblem>> {
  const b = new Binds();
  const { rows } = await db.query<TaskProblem & { total: number }>(
    `select p.no, p.title, p.kind, p.owner, coalesce(o.name, p.owner) as "ownerName", p.deadline,
       (p.deadline - ${b.add(q.today)}::date) as "daysLeft", p.warning, p.last_action_at as "lastActionAt",
       count(*) over ()::int as total
     from problems p left join people o on o.campaign_id = p.campaign_id and o.id = p.owner
     where p.campaign_id = ${b.add(q.campaignId)} and p.status = ${b.add(status)}${scopeSql(q.scope, b)}
     order by p.deadline nulls last, p.no limit ${b.add(limit)}`,
    b.values,
  );
  return capped(rows);
}

/** Open measures of problems in progress, the most urgent (overdue) first. */
async function dueMeasures(db: Db, q: MyTasksParams, limit: number): Promise<Capped<DueMeasure>> {
  const b = new Binds();
  const { rows } = await db.query<DueMeasure & { total: number }>(
    `select p.no, p.title, m.id as "measureId", m.text, m.owner, coalesce(o.name, m.owner) as "ownerName", m.due,
       (m.due - ${b.add(q.today)}::date) as "daysLeft", count(*) over ()::int as total
     from problems p
     join measures m on m.campaign_id = p.campaign_id and m.problem_no = p.no and not m.done
     left join people o on o.campaign_id = m.campaign_id and o.id = m.owner
     where p.campaign_id = ${b.add(q.campaignId)} and p.status = 'in_progress'${scopeSql(q.scope, b)}
     order by m.due, p.no, length(m.id), m.id limit ${b.add(limit)}`,
    b.values,
  );
  return capped(rows);
}

/**
 * Problems whose latest entry by a person is a return or a refusal with a reason. Reminders are
 * skipped (the system's reminders and warnings, the office's `remind`): a reminder the next
 * morning must not hide a return nobody has answered yet. Refusals are told apart from approvals
 * by their effect: a returned plan goes back to planning, a returned closure to in_progress, a
 * refused extension keeps the deadline. Only problems in the department's hands
 * (OVERDUE_STATUSES) can be waiting on an answer to one.
 */
async function returnedItems(db: Db, q: MyTasksParams, limit: number): Promise<Capped<ReturnedItem>> {
  const b = new Binds();
  const { rows } = await db.query<Omit<ReturnedItem, 'by'> & { byId: string; byName: string; total: number }>(
    `select p.no, p.title, a.action, a.reason, a.at, a.actor_id as "byId", a.actor_name as "byName", count(*) over ()::int as total
     from problems p
     cross join lateral (
       select x.action, x.reason, x.at, x.actor_id, x.actor_name, x.before, x.after from audit x
       where x.campaign_id = p.campaign_id and x.problem_no = p.no and x.actor_id <> 'system' and x.action <> 'remind'
       order by x.seq desc limit 1
     ) a
     where p.campaign_id = ${b.add(q.campaignId)} and p.status = any(${b.add(OVERDUE_STATUSES)}::text[])${scopeSql(q.scope, b)}
       and coalesce(btrim(a.reason), '') <> ''
       and ((a.action = 'decidePlan' and a.after->>'status' = 'planning')
         or (a.action in ('reviewClosure', 'verifyClosure', 'approveClosure') and a.after->>'status' = 'in_progress')
         or (a.action = 'decideExtension' and a.after->>'deadline' is not distinct from a.before->>'deadline'))
     order by a.at desc, p.no limit ${b.add(limit)}`,
    b.values,
  );
  const { items, total } = capped(rows);
  return { items: items.map(({ byId, byName, ...r }) => ({ ...r, by: { id: byId, name: byName } })), total };
}

/**
 * What waits for a leader's, the office's or the head's decision, longest waiting first. It has
 * waited since its latest change of status (index audit_status_changes, 006): reminders and
 * warnings that came after do not restart the clock. A leader, and the head when responsible
 * leader of a problem, review plans and closures in their own remit whatever scope was passed.
 */
async function waiting(db: Db, q: MyTasksParams, limit: number): Promise<Capped<WaitingItem>> {
  const b = new Binds();
  const campaign = b.add(q.campaignId);
  const scope = scopeSql(q.scope, b);
  const byStatus = (kinds: Partial<Record<ProblemStatus, WaitingKind>>, extra: string) =>
    `select p.no, p.title, p.department, p.status,
       (case p.status ${Object.entries(kinds).map(([s, k]) => `when '${s}' then '${k}'`).join(' ')} end) as kind,
       coalesce((select x.at from audit x where x.campaign_id = p.campaign_id and x.problem_no = p.no
         and (x.after->>'status') is distinct from (x.before->>'status') order by x.seq desc limit 1), p.last_action_at) as since
     from problems p where p.campaign_id = ${campaign} and p.status = any(${b.add(Object.keys(kinds))}::text[])${scope}${extra}`;
  const parts: string[] = [];
  if (q.role === 'leader' || q.role === 'head') parts.push(byStatus(LEADER_WAITS, ` and p.responsible_leader = ${b.add(q.personId)}`));
  const group = GROUP_WAITS[q.role];
  if (group) parts.push(byStatus(group, ''));
  if ((q.role === 'office' || q.role === 'head') && q.extensionApprover === q.role) {
    parts.push(
      `select p.no, p.title, p.department, p.status, 'extension' as kind, (p.pending_extension->>'at')::timestamptz as since
       from problems p where p.campaign_id = ${campaign} and p.pending_extension is not null${scope}`,
    );
  }
  if (!parts.length) return none();
  const { rows } = await db.query<WaitingItem & { total: number }>(
    `select w.*, count(*) over ()::int as total from (${parts.join(' union all ')}) w
     order by w.since nulls last, w.no, w.kind limit ${b.add(limit)}`,
    b.values,
  );
  return capped(rows);
}
