// What a desk account may see and do. Two gates stand before every action: the account role's
// (here; checked by the HTTP server before the workflow is asked) and the workflow's own rule on
// the person's remit and the problem's status (domain/problem.ts), which remains the authority.
// Pure and browser-safe: the web app decides which buttons to show with these same functions.
import type { AccountRole, Me } from './accounts';
import { actionOpenTo } from './problem';
import { ACTION_NAMES, type ActionName, type ProblemData } from './problem-types';

/** Whose problems a reader may see; the desk narrows every ledger query to it. */
export type LedgerScope = { kind: 'all' } | { kind: 'department'; department: string } | { kind: 'leader'; personId: string };

/** Whose problems this account sees; null for an admin, who sees no problem data. */
export function ledgerScopeFor(me: Me): LedgerScope | null {
  switch (me.role) {
    case 'dept_owner':
    case 'dept_member':
      // A department account without a department is refused by the schema and the database; if
      // one slipped through it sees nothing rather than everything.
      return me.department ? { kind: 'department', department: me.department } : null;
    case 'leader':
      return { kind: 'leader', personId: me.personId };
    case 'office':
    case 'head':
      return { kind: 'all' };
    case 'admin':
      return null;
  }
}

/** One problem, from its projection row: the same rule as ledgerScopeFor, for one row. */
export function canSeeProblem(me: Me, p: { department: string; responsibleLeader: string }): boolean {
  const scope = ledgerScopeFor(me);
  if (!scope) return false;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'department':
      return p.department === scope.department;
    case 'leader':
      return p.responsibleLeader === scope.personId;
  }
}

const DEPT_MEMBER: readonly ActionName[] = ['claim', 'planMeasures', 'completeMeasure', 'reportProgress'];
const LEADER: readonly ActionName[] = ['decidePlan', 'reviewClosure'];

/**
 * The actions each account role may ask for. The head is often a problem's responsible leader, so
 * the head has the leader's actions too (the workflow still requires the remit). decideExtension is
 * open to both the head and the office: the campaign's policy says which one, and the workflow knows it.
 */
const DESK_ACTIONS: Record<AccountRole, ReadonlySet<ActionName>> = {
  dept_member: new Set(DEPT_MEMBER),
  dept_owner: new Set([...DEPT_MEMBER, 'submitPlan', 'requestExtension', 'requestClosure']),
  leader: new Set(LEADER),
  head: new Set([...LEADER, 'approveClosure', 'decideExtension']),
  office: new Set(['verifyClosure', 'markPhaseComplete', 'confirmLookBack', 'reopen', 'remind', 'decideExtension']),
  admin: new Set(),
};

/** The account role's gate alone, before the workflow is asked. */
export function deskAllows(me: Me, action: ActionName): boolean {
  return DESK_ACTIONS[me.role].has(action);
}

/**
 * The actions this user may take on this problem now, in lifecycle order: visible to them, allowed
 * by their account role, and open to their person id by the workflow's role and status rules.
 * Payload preconditions (every measure done before requestClosure, …) are left to the workflow,
 * which answers with a message.
 */
export function availableActions(me: Me, data: ProblemData): ActionName[] {
  if (!canSeeProblem(me, { department: data.remit.department, responsibleLeader: data.remit.leader.id })) return [];
  return ACTION_NAMES.filter((a) => deskAllows(me, a) && actionOpenTo(data, a, me.personId));
}
