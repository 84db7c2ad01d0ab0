import type { Channel, RobotProvider } from '../../domain/contacts';
import type { MessageContent } from '../../domain/delivery';
import type { Db } from '../client';
import { json } from '../sql';

// Step 3: one message's send, as three writes around the provider call. `sending` is written (and
// committed) before the call and `sent` right after it, so a crash can repeat a message only in
// that gap — and the repeat carries the same key. A message already sent is never claimed again.

export interface ClaimedMessage {
  id: number;
  key: string;
  channel: Channel;
  target: string;
  urgent: boolean;
  subject: string;
  content: MessageContent;
  attempts: number;
  /** For robot messages: the robot, with its sealed webhook and secret. */
  robot: { provider: RobotProvider; webhookEnc: string; secretEnc: string | null; enabled: boolean } | null;
}

/** Marks the message sending (one more attempt); null when it is sent, failed or unknown. */
export async function claimMessage(db: Db, id: number, at: number): Promise<ClaimedMessage | null> {
  return db.transaction(async (tx) => {
    const { rows: [m] } = await tx.query<Omit<ClaimedMessage, 'robot'> & { robotId: number | null }>(
      `update messages set status = 'sending', attempts = attempts + 1, last_attempt_at = $2
       where id = $1 and status in ('pending', 'sending')
       returning id, key, channel, target, urgent, subject, content, attempts, robot_id as "robotId"`,
      [id, new Date(at)],
    );
    if (!m) return null;
    await tx.query(`update deliveries set status = 'sending', attempts = attempts + 1, updated_at = $2 where message_id = $1`, [id, new Date(at)]);
    const { robotId, ...message } = m;
    if (robotId === null) return { ...message, robot: null };
    const { rows: [robot] } = await tx.query<NonNullable<ClaimedMessage['robot']>>(
      'select provider, webhook_enc as "webhookEnc", secret_enc as "secretEnc", enabled from robots where id = $1',
      [robotId],
    );
    return { ...message, robot: robot ?? null };
  });
}

export type SendOutcome =
  | { status: 'sent'; at: number; answer: unknown }
  | { status: 'failed'; at: number; reason: string; answer: unknown }
  /** A transient failure: stays `sending` until the next attempt; the reason shows why. */
  | { status: 'retrying'; at: number; reason: string; answer: unknown };

/** Records an attempt's outcome on the message and each of its deliveries. */
export async function recordSendOutcome(db: Db, id: number, o: SendOutcome): Promise<void> {
  const status = o.status === 'retrying' ? 'sending' : o.status;
  const reason = o.status === 'sent' ? null : o.reason;
  const sentAt = o.status === 'sent' ? new Date(o.at) : null;
  await db.transaction(async (tx) => {
    // A message sent by an earlier attempt stays sent, whatever a late duplicate attempt says.
    const { rows } = await tx.query(
      `update messages set status = $2, last_error = $3, answer = $4, sent_at = coalesce($5, sent_at)
       where id = $1 and status <> 'sent' returning id`,
      [id, status, reason, json(o.answer), sentAt],
    );
    if (!rows.length) return;
    await tx.query(
      `update deliveries set status = $2, last_error = $3, answer = $4, sent_at = coalesce($5, sent_at), updated_at = $6 where message_id = $1`,
      [id, status, reason, json(o.answer), sentAt, new Date(o.at)],
    );
  });
}
