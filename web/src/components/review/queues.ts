import type { AccountRole, Me } from '../../../../domain/accounts';
import type { ActionName, ProblemStatus } from '../../../../domain/problem-types';
import { MAX_PAGE_SIZE } from '../../../../domain/ledger';
import { getTasks, listProblems, type LedgerItem } from '../../api/problems';

export type QueueKey = 'plan' | 'leader' | 'office' | 'head' | 'extension';

export interface Queue {
  key: QueueKey;
  label: string;
  statuses: ProblemStatus[];
  action: ActionName;
  roles: AccountRole[];
  /** A leader-level queue holds only the problems one is the responsible leader of (the head sees all). */
  ownLeader?: boolean;
}

const QUEUES: Queue[] = [
  { key: 'plan', label: '措施审批', statuses: ['plan_review'], action: 'decidePlan', roles: ['leader', 'head'], ownLeader: true },
  { key: 'leader', label: '领导审核', statuses: ['leader_review'], action: 'reviewClosure', roles: ['leader', 'head'], ownLeader: true },
  { key: 'office', label: '办公室核验', statuses: ['office_verification'], action: 'verifyClosure', roles: ['office'] },
  { key: 'head', label: '组长审批', statuses: ['head_approval'], action: 'approveClosure', roles: ['head'] },
  // A request may wait in any status (asked, then closure requested): narrowed to those asked below.
  { key: 'extension', label: '延期审批', statuses: [], action: 'decideExtension', roles: [] },
];

/** The queues of this user; extensions go to whoever the campaign's policy names (head or office). */
export function queuesFor(role: AccountRole, extensionApprover: 'head' | 'office' | undefined): Queue[] {
  return QUEUES.filter((q) => q.roles.includes(role) || (q.key === 'extension' && role === extensionApprover));
}

/**
 * One queue's problems, lowest number first. The ledger has no "extension pending" filter: that
 * queue takes the numbers from 我的任务 (waitingForMe, kind extension) and their ledger rows.
 */
export async function loadQueue(campaignId: string, q: Queue, me: Me, signal: AbortSignal): Promise<LedgerItem[]> {
  const query = new URLSearchParams({ pageSize: String(MAX_PAGE_SIZE) });
  if (q.statuses.length) query.set('status', q.statuses.join(','));
  const [{ items }, tasks] = await Promise.all([listProblems(campaignId, query, signal), q.key === 'extension' ? getTasks(campaignId, signal) : undefined]);
  if (tasks) {
    const asked = new Set(tasks.waitingForMe.items.filter((w) => w.kind === 'extension').map((w) => w.no));
    return items.filter((r) => asked.has(r.no));
  }
  return q.ownLeader ? items.filter((r) => r.responsibleLeader === me.personId) : items;
}
