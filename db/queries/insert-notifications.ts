import type { OutgoingNotification } from '../../domain/problem-types';
import type { Db } from '../client';
import { insertRows } from '../sql';

export interface NotifyInput {
  campaignId: string;
  problemNo?: number;
  workflowId: string;
  notifications: OutgoingNotification[];
}

/** The key stored per row: a notification's own key is unique only within its workflow. */
export const notificationDedupeKey = (workflowId: string, dedupeKey: string) => `${workflowId}:${dedupeKey}`;

/**
 * Puts one row per recipient into the outbox. A notification already there (same key, same
 * recipient) is skipped, so a retried activity never reminds anyone twice. Returns the rows added.
 */
export async function insertNotifications(db: Db, input: NotifyInput): Promise<number> {
  const rows = input.notifications.flatMap((n) =>
    n.recipients.map((r) => [
      notificationDedupeKey(input.workflowId, n.dedupeKey), r.id, r.name, input.campaignId, input.problemNo ?? null,
      input.workflowId, n.kind, n.title, n.body,
    ]),
  );
  // One statement per chunk, in one transaction: a batch lands whole or not at all.
  const inserted = await db.transaction((tx) =>
    insertRows(
      tx,
      'notifications',
      ['dedupe_key', 'recipient_id', 'recipient_name', 'campaign_id', 'problem_no', 'workflow_id', 'kind', 'title', 'body'],
      rows,
      'on conflict (dedupe_key, recipient_id) do nothing returning id',
    ),
  );
  return inserted.length;
}
