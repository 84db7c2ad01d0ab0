import type { LedgerItem, LedgerQueryParams } from '../api/ledger';
import type { LedgerQuery, LedgerRow } from '../db/queries/ledger';
import { OUTCOME_KEYS, type Outcomes } from '../domain/outcomes';

/** A ledger row as the API shows it: outcome figures together, times as ISO strings. */
export function ledgerItem(r: LedgerRow): LedgerItem {
  return {
    no: r.no,
    aspectNo: r.aspectNo,
    title: r.title,
    kind: r.kind,
    responsibleLeader: r.responsibleLeader,
    responsibleLeaderName: r.responsibleLeaderName,
    department: r.department,
    owner: r.owner,
    ownerName: r.ownerName,
    originalDeadline: r.originalDeadline,
    deadline: r.deadline,
    status: r.status,
    warning: r.warning,
    version: r.version,
    closedOn: r.closedOn,
    lastAction: r.lastAction,
    lastActionAt: r.lastActionAt ? new Date(r.lastActionAt).toISOString() : null,
    measuresTotal: r.measuresTotal,
    measuresDone: r.measuresDone,
    daysOverdue: r.daysOverdue,
    outcomes: Object.fromEntries(OUTCOME_KEYS.map((k) => [k, r[k]])) as Outcomes,
  };
}

/** The ledger's filters and sort from the API's query string: the list and the export read the same. */
export function ledgerFilter(q: Omit<LedgerQueryParams, 'page' | 'pageSize'>): Omit<LedgerQuery, 'campaignId' | 'today' | 'scope'> {
  return {
    status: q.status,
    department: q.department,
    kind: q.kind,
    warning: q.warning,
    overdue: q.overdue,
    dueWithinDays: q.dueWithinDays,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    text: q.q,
    sort: q.sort,
    order: q.order,
  };
}
