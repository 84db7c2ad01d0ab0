import type { NewProblem } from './problem';
import type { PersonRef, Remit } from './problem-types';
import { DeadlinePolicySchema } from './policy';
import type { CampaignLedger, ProblemInput } from './schemas';

const ref = (ledger: CampaignLedger, id: string): PersonRef => {
  const p = ledger.people.find((x) => x.id === id);
  if (!p) throw new Error(`未知人员: ${id}`);
  return { id: p.id, name: p.name };
};

/** Who may act on one problem; a snapshot so the workflow never reads the directory again. */
export function remitFor(ledger: CampaignLedger, problem: ProblemInput): Remit {
  return {
    head: ref(ledger, ledger.leadingGroup.head),
    office: ledger.leadingGroup.office.map((id) => ref(ledger, id)),
    leader: ref(ledger, problem.responsibleLeader),
    department: problem.department,
    departmentMembers: ledger.people.filter((p) => p.department === problem.department).map((p) => ({ id: p.id, name: p.name })),
    owner: ref(ledger, problem.owner),
  };
}

export function newProblemsOf(ledger: CampaignLedger, startedOn?: string): NewProblem[] {
  const policy = DeadlinePolicySchema.parse(ledger.policy);
  return ledger.problems.map((problem) => ({ campaignId: ledger.id, problem, remit: remitFor(ledger, problem), policy, startedOn }));
}
