import { shanghaiDate } from './dates';
import { FailureType, reject } from './errors';
import { OUTCOME_KEYS, ZERO_OUTCOMES } from './outcomes';
import type { DeadlinePolicy } from './policy';
import {
  ACTION_LABEL,
  ActionArgs,
  ActionName,
  ActionSchemas,
  HistoryEntry,
  OutgoingNotification,
  PersonRef,
  ProblemData,
  ProblemStatus,
  Remit,
  STATUS_LABEL,
} from './problem-types';
import type { ProblemInput } from './schemas';
import { formatZodError } from './schemas';

export interface NewProblem {
  campaignId: string;
  problem: ProblemInput;
  remit: Remit;
  policy: DeadlinePolicy;
  /** Shanghai date the problem was assigned (default: the day the workflow starts); the long-term cadence counts from it. */
  startedOn?: string;
}

export function newProblemData({ campaignId, problem, remit, policy, startedOn: given }: NewProblem, now: number): ProblemData {
  const startedOn = given ?? shanghaiDate(now);
  const data: ProblemData = {
    campaignId,
    no: problem.no,
    aspect: problem.aspect,
    title: problem.title,
    description: problem.description,
    kind: problem.kind,
    remit,
    policy,
    status: 'assigned',
    originalDeadline: problem.deadline,
    deadline: problem.deadline,
    warning: 'none',
    measures: [],
    nextMeasureNo: 1,
    progressReports: [],
    startedOn,
    lookBackDone: false,
    reopenCount: 0,
    sent: [],
    history: [],
    version: 0,
  };
  // Measures written into the ledger by the office are the department's first draft.
  for (const m of problem.measures) addMeasure(data, m);
  if (problem.closed) {
    // A ledger rebuilt from a published report: those measures were done before rectify existed.
    for (const m of data.measures) m.done = true;
    data.status = 'closed';
    data.closedOn = startedOn;
  }
  return data;
}

function addMeasure(data: ProblemData, m: { text: string; owner: string; due: string }): void {
  data.measures.push({ id: `M${data.nextMeasureNo++}`, ...m, done: false, evidence: [], outcomes: { ...ZERO_OUTCOMES } });
}

const DEADLINE_ACTIVE: ReadonlySet<ProblemStatus> = new Set(['assigned', 'planning', 'plan_review', 'in_progress']);
export const isDeadlineActive = (s: ProblemStatus) => DEADLINE_ACTIVE.has(s);

type Role = 'department' | 'leader' | 'office' | 'head';
const ROLE_LABEL: Record<Role, string> = { department: '责任科室', leader: '责任领导', office: '领导小组办公室', head: '领导小组组长' };

/** Which role performs each action, and in which statuses it is allowed. */
const RULES: { [A in ActionName]: { role: (d: ProblemData) => Role; from: (d: ProblemData) => boolean } } = {
  claim: { role: () => 'department', from: (d) => d.status === 'assigned' },
  planMeasures: { role: () => 'department', from: (d) => d.status === 'planning' },
  submitPlan: { role: () => 'department', from: (d) => d.status === 'planning' },
  decidePlan: { role: () => 'leader', from: (d) => d.status === 'plan_review' },
  completeMeasure: { role: () => 'department', from: (d) => d.status === 'in_progress' },
  reportProgress: { role: () => 'department', from: (d) => d.kind === 'long-term' && d.status !== 'closed' },
  requestExtension: { role: () => 'department', from: (d) => isDeadlineActive(d.status) && !!d.deadline },
  decideExtension: { role: (d) => d.policy.extensionApprover, from: (d) => !!d.pendingExtension },
  requestClosure: { role: () => 'department', from: (d) => d.status === 'in_progress' || d.status === 'phase_complete' },
  reviewClosure: { role: () => 'leader', from: (d) => d.status === 'leader_review' },
  verifyClosure: { role: () => 'office', from: (d) => d.status === 'office_verification' },
  approveClosure: { role: () => 'head', from: (d) => d.status === 'head_approval' },
  markPhaseComplete: { role: () => 'office', from: (d) => d.kind === 'long-term' && d.status === 'in_progress' },
  confirmLookBack: { role: () => 'office', from: (d) => d.status === 'closed' && !d.lookBackDone },
  reopen: { role: () => 'office', from: (d) => d.status === 'closed' },
  remind: { role: () => 'office', from: (d) => d.status !== 'closed' },
};

const everyone = (remit: Remit): PersonRef[] => [remit.head, remit.leader, remit.owner, ...remit.office, ...remit.departmentMembers];

export function findPerson(remit: Remit, who: string): PersonRef | undefined {
  const all = everyone(remit);
  return all.find((p) => p.id === who) ?? all.find((p) => p.name === who);
}

/**
 * Whether the person with this id may take this action on this problem now: the same role and
 * status rules validateAction applies, without the payload's preconditions (those need a payload).
 */
export function actionOpenTo(data: ProblemData, action: ActionName, personId: string): boolean {
  const rule = RULES[action];
  // By id only: a desk account is linked to its person id, never to a name.
  const person = everyone(data.remit).find((p) => p.id === personId);
  return !!person && holdsRole(data.remit, person, rule.role(data)) && rule.from(data);
}

/** The responsible department's people: its owner first, then the members, each once. */
export function departmentPeople(remit: Remit): PersonRef[] {
  return uniq([remit.owner, ...remit.departmentMembers]);
}

export function uniq(people: PersonRef[]): PersonRef[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.id) && (seen.add(p.id), true));
}

function holdsRole(remit: Remit, p: PersonRef, role: Role): boolean {
  const inDepartment = remit.departmentMembers.some((m) => m.id === p.id) || remit.owner.id === p.id;
  switch (role) {
    case 'department':
      return inDepartment;
    // Approvers must stand outside the department: nobody approves their own work.
    case 'leader':
      return remit.leader.id === p.id && !inDepartment;
    case 'office':
      return remit.office.some((o) => o.id === p.id) && !inDepartment;
    case 'head':
      return remit.head.id === p.id && !inDepartment;
  }
}

/**
 * Checks an action against the state without changing it; returns the parsed arguments and the
 * acting person. Throws RejectedAction with a message for people.
 */
export function validateAction<A extends ActionName>(
  data: ProblemData,
  action: A,
  raw: unknown,
  now: number,
): { args: ActionArgs<A>; actor: PersonRef } {
  const parsed = ActionSchemas[action].safeParse(raw);
  if (!parsed.success) return reject(FailureType.InvalidInput, formatZodError(parsed.error));
  const args = parsed.data as ActionArgs<A>;
  const label = ACTION_LABEL[action];
  const actor = findPerson(data.remit, args.actor);
  if (!actor) return reject(FailureType.Forbidden, `「${args.actor}」不在问题${data.no}的职责范围内，不能${label}`);
  const rule = RULES[action];
  const role = rule.role(data);
  if (!holdsRole(data.remit, actor, role)) {
    return reject(FailureType.Forbidden, `${actor.name}不是本问题的${ROLE_LABEL[role]}，不能${label}`);
  }
  if (!rule.from(data)) {
    return reject(FailureType.InvalidState, `问题${data.no}当前状态为「${STATUS_LABEL[data.status]}」，不能${label}`);
  }
  checkPreconditions(data, action, args, now);
  return { args, actor };
}

function checkPreconditions<A extends ActionName>(data: ProblemData, action: A, raw: ActionArgs<A>, now: number): void {
  const today = shanghaiDate(now);
  const args = raw as ActionArgs<ActionName> & Record<string, unknown>;
  if (action === 'submitPlan' && data.measures.length === 0) reject(FailureType.InvalidState, '尚未制定整改措施，不能提交');
  if (action === 'completeMeasure') {
    const m = data.measures.find((x) => x.id === args.measureId);
    if (!m) reject(FailureType.NotFound, `没有编号为 ${String(args.measureId)} 的整改措施`);
    else if (m.done) reject(FailureType.InvalidState, `措施 ${m.id} 已完成`);
  }
  if (action === 'requestExtension') {
    if (data.pendingExtension) reject(FailureType.InvalidState, '已有待审批的延期申请');
    const until = String(args.until);
    if (data.deadline && until <= data.deadline) reject(FailureType.InvalidInput, `until: 延期后的时限须晚于当前时限 ${data.deadline}`);
    if (until <= today) reject(FailureType.InvalidInput, `until: 延期后的时限须晚于今天 ${today}`);
  }
  if (action === 'requestClosure' || action === 'markPhaseComplete') {
    if (data.measures.length === 0) reject(FailureType.InvalidState, '没有整改措施，不能申请销号');
    const open = data.measures.filter((m) => !m.done || m.evidence.length === 0).map((m) => m.id);
    if (open.length) reject(FailureType.InvalidState, `以下措施尚未完成或缺少佐证材料：${open.join('、')}`);
  }
  if (action === 'reopen' && String(args.deadline) <= today) reject(FailureType.InvalidInput, `deadline: 新的整改时限须晚于今天 ${today}`);
}

/** Applies a validated action. Returns notifications it causes; appends one history entry. */
export function applyAction<A extends ActionName>(
  data: ProblemData,
  action: A,
  args: ActionArgs<A>,
  actor: PersonRef,
  now: number,
): OutgoingNotification[] {
  const before = snapshotOf(data);
  const a = args as ActionArgs<ActionName> & Record<string, unknown>;
  const reason = typeof a.reason === 'string' && a.reason ? a.reason : undefined;
  const notes: OutgoingNotification[] = [];
  const r = data.remit;
  const key = `action:${data.history.length + 1}`;
  const tell = (recipients: PersonRef[], kind: string, title: string, body: string) =>
    notes.push({ dedupeKey: key, kind, recipients, title: `问题${data.no}${title}`, body });
  let summary = ACTION_LABEL[action];

  switch (action) {
    case 'claim':
      data.status = 'planning';
      break;
    case 'planMeasures': {
      // Completed measures are history; only the open draft is replaced.
      data.measures = data.measures.filter((m) => m.done);
      // Draft numbers are reused, so a plan rewritten before approval still reads M1, M2, ...
      data.nextMeasureNo = data.measures.length + 1;
      const list = (a as ActionArgs<'planMeasures'>).measures;
      for (const m of list) addMeasure(data, m);
      summary = `制定整改措施 ${list.length} 条`;
      break;
    }
    case 'submitPlan':
      data.status = 'plan_review';
      tell([r.leader], 'plan-submitted', '整改措施待审批', `${actor.name}提交了「${data.title}」的整改措施，请审批。`);
      break;
    case 'decidePlan':
      data.status = a.approve ? 'in_progress' : 'planning';
      summary = a.approve ? '批准整改措施' : '退回整改措施';
      tell([r.owner], a.approve ? 'plan-approved' : 'plan-returned', a.approve ? '整改措施已批准' : '整改措施被退回', reason ?? '请按措施推进整改。');
      break;
    case 'completeMeasure': {
      const c = a as ActionArgs<'completeMeasure'>;
      const m = data.measures.find((x) => x.id === c.measureId)!;
      m.done = true;
      m.completedAt = new Date(now).toISOString();
      m.completedBy = actor.id;
      m.evidence = c.evidence;
      // Only figures given count; an absent one stays zero.
      m.outcomes = { ...ZERO_OUTCOMES };
      for (const k of OUTCOME_KEYS) {
        const v = c.outcomes[k];
        if (v !== undefined) m.outcomes[k] = v;
      }
      summary = `完成整改措施 ${m.id}（佐证 ${c.evidence.length} 件）`;
      break;
    }
    case 'reportProgress':
      data.progressReports.push({ at: new Date(now).toISOString(), by: actor, text: String(a.text) });
      summary = `报送进展：${String(a.text)}`;
      break;
    case 'requestExtension': {
      const until = String(a.until);
      data.pendingExtension = { by: actor, until, reason: String(a.reason), at: new Date(now).toISOString() };
      summary = `申请延期至 ${until}`;
      const approver = data.policy.extensionApprover === 'head' ? [r.head] : r.office;
      tell(approver, 'extension-requested', '延期申请待审批', `${actor.name}申请将时限由 ${data.deadline} 延至 ${until}：${String(a.reason)}`);
      break;
    }
    case 'decideExtension': {
      const req = data.pendingExtension!;
      data.pendingExtension = undefined;
      if (a.approve) {
        data.deadline = req.until;
        data.warning = 'none';
        summary = `批准延期，承诺整改时限 ${req.until}`;
      } else summary = `不同意延期至 ${req.until}`;
      tell([r.owner], a.approve ? 'extension-approved' : 'extension-refused', a.approve ? '延期已批准' : '延期未批准', summary);
      break;
    }
    case 'requestClosure':
      data.status = 'leader_review';
      tell([r.leader], 'closure-requested', '申请销号，待审核', `${actor.name}申请对「${data.title}」销号，请审核。`);
      break;
    case 'reviewClosure':
    case 'verifyClosure':
    case 'approveClosure': {
      const next: Record<string, ProblemStatus> = { reviewClosure: 'office_verification', verifyClosure: 'head_approval', approveClosure: 'closed' };
      if (!a.approve) {
        data.status = 'in_progress';
        summary = `${ACTION_LABEL[action]}：退回`;
        tell([r.owner], 'closure-returned', '销号申请被退回', reason ?? '');
        break;
      }
      data.status = next[action]!;
      summary = `${ACTION_LABEL[action]}：通过`;
      if (data.status === 'office_verification') tell(r.office, 'closure-reviewed', '待办公室核验', '责任领导已审核通过，请核验佐证材料。');
      if (data.status === 'head_approval') tell([r.head], 'closure-verified', '待组长审批销号', '办公室已核验，请审批销号。');
      if (data.status === 'closed') {
        data.closedOn = shanghaiDate(now);
        data.lookBackDone = false;
        data.warning = 'none';
        tell([r.owner, r.leader], 'closed', '已销号', `「${data.title}」已销号。`);
      }
      break;
    }
    case 'markPhaseComplete':
      data.status = 'phase_complete';
      break;
    case 'confirmLookBack':
      data.lookBackDone = true;
      summary = '回头看：整改成果巩固，未反弹';
      break;
    case 'reopen':
      data.status = 'planning';
      data.deadline = String(a.deadline);
      data.warning = 'none';
      data.closedOn = undefined;
      data.reopenCount += 1;
      summary = `回头看发现反弹，重新整改，时限 ${data.deadline}`;
      tell([r.owner, r.leader], 'reopened', '反弹，重新整改', `${reason ?? ''}（新时限 ${data.deadline}）`);
      break;
    case 'remind': {
      // The text is already defaulted by the schema; the status is untouched, only the record grows.
      const text = String(a.text);
      summary = `办公室催办：${text}`;
      tell(departmentPeople(r), 'manual-reminder', '办公室催办', text);
      break;
    }
  }
  record(data, now, actor, action, summary, before, reason);
  return notes;
}

export function snapshotOf(d: ProblemData): HistoryEntry['before'] {
  return { status: d.status, deadline: d.deadline, warning: d.warning };
}

export function record(
  data: ProblemData,
  now: number,
  actor: HistoryEntry['actor'],
  action: string,
  summary: string,
  before: HistoryEntry['before'],
  reason?: string,
): void {
  data.version += 1;
  data.history.push({ seq: data.history.length + 1, at: new Date(now).toISOString(), actor, action, summary, before, after: snapshotOf(data), reason });
}
