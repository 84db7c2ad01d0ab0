// A problem's state and the notices it raised, written together: what the problem workflow's
// recordProblemWithNotices activity does at each flush, and what loading a ledger does for each
// problem's first step (services/campaigns.ts). Both writes are idempotent (version guard, keys).
import type { Db } from '../db/client';
import { insertNotifications } from '../db/queries/insert-notifications';
import { recordProblem } from '../db/queries/record-problem';
import type { RecordWithNoticesInput } from '../workflows/activity-types';

/** Returns how many outbox rows were added (0 on a retry). */
export async function recordProblemWithNotices(db: Db, { notices, ...state }: RecordWithNoticesInput): Promise<number> {
  await recordProblem(db, state);
  let added = 0;
  for (const n of notices) if (n.notifications.length) added += await insertNotifications(db, n);
  return added;
}
