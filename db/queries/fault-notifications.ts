import type { Db } from '../client';

export interface NotificationCopies {
  dedupeKey: string;
  recipientId: string;
  copies: number;
}

/**
 * How many outbox rows each (dedupe key, recipient) has in the given campaigns. The unique
 * constraint should keep every count at 1; the verifier counts rather than trusts it.
 */
export async function notificationCopies(db: Db, campaignIds: string[]): Promise<NotificationCopies[]> {
  const { rows } = await db.query<NotificationCopies>(
    `select dedupe_key as "dedupeKey", recipient_id as "recipientId", count(*)::int as copies
     from notifications where campaign_id = any($1)
     group by dedupe_key, recipient_id`,
    [campaignIds],
  );
  return rows;
}
