import type { CalendarDate } from '../../domain/dates';
import { shanghaiDate } from '../../domain/dates';
import { deliveryTiming, type QuietHours } from '../../domain/delivery';
import type { Db } from '../client';
import { insertRows } from '../sql';
import { reachKey, reachOfPeople } from './delivery-targets';

// Step 1 of the dispatcher: each new outbox row becomes one delivery per channel of its recipient,
// with the instant it may go out and the batch it goes out in. A row is expanded once: the rows
// are locked, their deliveries inserted (unique per notification, recipient and channel) and the
// rows marked, all in one transaction — a retried activity finds nothing left to do.

export interface ExpandInput {
  /** The dispatcher's clock (ms): the instant the notices are taken as queued. */
  now: number;
  quietHours: QuietHours;
  isWorkingDay: (date: CalendarDate) => boolean;
  limit?: number;
}

/** A campaign whose policy says workingDays 'off' counts every day as a working day. */
export async function campaignCalendars(db: Db, campaignIds: string[], isWorkingDay: (d: CalendarDate) => boolean): Promise<(campaignId: string) => (d: CalendarDate) => boolean> {
  const { rows } = await db.query<{ id: string }>(`select id from campaigns where id = any($1::text[]) and policy ->> 'workingDays' = 'off'`, [[...new Set(campaignIds)]]);
  const off = new Set(rows.map((r) => r.id));
  return (id) => (off.has(id) ? () => true : isWorkingDay);
}

type Pending = { id: number; recipientId: string; campaignId: string; problemNo: number | null; kind: string; dedupeKey: string };

/** Expands up to `limit` notifications; returns how many were expanded (more may be waiting). */
export async function expandOutbox(db: Db, q: ExpandInput): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Pending>(
      `select id, recipient_id as "recipientId", campaign_id as "campaignId", problem_no as "problemNo", kind, dedupe_key as "dedupeKey"
       from notifications where delivery_expanded_at is null order by id limit $1 for update skip locked`,
      [q.limit ?? 500],
    );
    if (!rows.length) return 0;
    const reach = await reachOfPeople(tx, rows.map((n) => ({ campaignId: n.campaignId, personId: n.recipientId })));
    const calendarOf = await campaignCalendars(tx, rows.map((n) => n.campaignId), q.isWorkingDay);
    const at = new Date(q.now);
    const values: unknown[][] = [];
    for (const n of rows) {
      const timing = deliveryTiming(n.kind, q.now, q.quietHours, calendarOf(n.campaignId));
      for (const r of reach.get(reachKey({ campaignId: n.campaignId, personId: n.recipientId })) ?? []) {
        const common = [n.id, n.campaignId, n.problemNo, n.recipientId, r.channel];
        if ('unreachable' in r) {
          values.push([...common, '', null, null, `none:${n.id}:${r.channel}`, 'failed', timing.urgent, at, r.unreachable, at, at]);
          continue;
        }
        // A morning's digest per target; otherwise one message per notice (a group robot's post
        // @mentions everyone of the group the notice is for).
        const batch = timing.digest
          ? `digest:${r.channel}:${r.target}:${shanghaiDate(timing.notBefore)}`
          : `single:${n.dedupeKey}:${r.robotId === null ? `${n.recipientId}:email` : r.target}`;
        values.push([...common, r.target, r.robotId, r.mention, batch, timing.deferred ? 'deferred' : 'pending', timing.urgent, new Date(timing.notBefore), null, at, at]);
      }
    }
    await insertRows(
      tx,
      'deliveries',
      ['notification_id', 'campaign_id', 'problem_no', 'recipient_id', 'channel', 'target', 'robot_id', 'mention', 'batch', 'status', 'urgent', 'not_before', 'last_error', 'created_at', 'updated_at'],
      values,
      'on conflict (notification_id, recipient_id, channel) do nothing',
    );
    await tx.query('update notifications set delivery_expanded_at = $2 where id = any($1::bigint[])', [rows.map((n) => n.id), at]);
    return rows.length;
  });
}
