import type { Channel } from '../../domain/contacts';
import type { Db } from '../client';

// What the dispatcher sends next, and when it must look again.

export interface DueMessage {
  id: number;
  channel: Channel;
  robotId: number | null;
  urgent: boolean;
}

/**
 * Messages to send, urgent first, then oldest. `sending` ones count too: a message the dispatcher
 * has in flight is excluded by id, so a `sending` one found here was left by a stopped run.
 */
export async function dueMessages(db: Db, q: { exclude: number[]; limit: number }): Promise<DueMessage[]> {
  const { rows } = await db.query<DueMessage>(
    `select id, channel, robot_id as "robotId", urgent from messages
     where status in ('pending', 'sending') and not (id = any($1::bigint[]))
     order by urgent desc, id limit $2`,
    [q.exclude, q.limit],
  );
  return rows;
}

/** The earliest instant a waiting delivery falls due (ms), or null when none waits. */
export async function nextDeliveryAt(db: Db): Promise<number | null> {
  const { rows: [r] } = await db.query<{ at: Date | null }>(
    `select min(not_before) as at from deliveries where message_id is null and status in ('pending', 'deferred')`,
  );
  return r?.at ? new Date(r.at).getTime() : null;
}
