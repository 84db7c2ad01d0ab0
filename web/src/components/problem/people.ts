import type { ProblemState } from '../../api/problems';

/** The name of a person of the problem's remit (owner, members, leader, office, head), else the id. */
export function personName(state: Pick<ProblemState, 'remit'>, id: string): string {
  const r = state.remit;
  const all = [r.owner, r.leader, r.head, ...r.office, ...r.departmentMembers];
  return all.find((p) => p.id === id)?.name ?? id;
}
