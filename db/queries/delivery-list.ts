import type { Channel } from '../../domain/contacts';
import type { DeliveryStatus } from '../../domain/delivery';
import type { Db } from '../client';
import { Binds, capOf, capped, type Capped } from './desk-scope';

// Where each notification went and whether it arrived: the CLI's `rectify deliveries`, the desk's
// 发送情况 (failures with the provider's answer) and the delivery marks of a problem's timeline.

export interface DeliveryRow {
  id: number;
  notificationId: number;
  problemNo: number | null;
  kind: string;
  title: string;
  recipientId: string;
  recipientName: string;
  channel: Channel;
  /** The address or 'robot:<id>' as stored: mask before showing (domain/delivery maskEmail). */
  target: string;
  robotName: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  answer: unknown;
  notBefore: Date;
  sentAt: Date | null;
  createdAt: Date;
}

export interface DeliveryListParams {
  campaignId: string;
  status?: DeliveryStatus;
  problemNo?: number;
  /** Rows at most (default DESK_LIST_CAP); newest first. */
  limit?: number;
}

export async function listDeliveries(db: Db, q: DeliveryListParams): Promise<Capped<DeliveryRow>> {
  const b = new Binds();
  const where = [`d.campaign_id = ${b.add(q.campaignId)}`];
  if (q.status) where.push(`d.status = ${b.add(q.status)}`);
  if (q.problemNo !== undefined) where.push(`d.problem_no = ${b.add(q.problemNo)}`);
  const { rows } = await db.query<DeliveryRow & { total: number }>(
    `select d.id, d.notification_id as "notificationId", d.problem_no as "problemNo", n.kind, n.title, d.recipient_id as "recipientId",
       n.recipient_name as "recipientName", d.channel, d.target, r.name as "robotName", d.status, d.attempts, d.last_error as "lastError",
       d.answer, d.not_before as "notBefore", d.sent_at as "sentAt", d.created_at as "createdAt", count(*) over ()::int as total
     from deliveries d join notifications n on n.id = d.notification_id left join robots r on r.id = d.robot_id
     where ${where.join(' and ')}
     order by d.id desc limit ${b.add(capOf(q.limit))}`,
    b.values,
  );
  return capped(rows);
}

/** One delivery mark of a notice in a problem's timeline. */
export interface DeliveryMark {
  channel: Channel;
  status: DeliveryStatus;
  sentAt: Date | null;
  /** Why it failed (or is being retried), in Chinese; null otherwise. */
  error: string | null;
  recipient: string;
}

/**
 * How a timeline entry of problem-notifications.ts is recognised: that query groups the outbox by
 * dedupe key, kind, title and body and dates each group by its first row; the same four make the key.
 */
export const toldKey = (t: { kind: string; title: string; body: string; at: Date | string }): string =>
  [t.kind, t.title, t.body, new Date(t.at).getTime()].join('\u0000');

/** A problem's deliveries per timeline entry (see toldKey), oldest first. */
export async function deliveryMarksOfProblem(db: Db, campaignId: string, no: number): Promise<Map<string, DeliveryMark[]>> {
  const { rows } = await db.query<DeliveryMark & { kind: string; title: string; body: string; at: Date }>(
    `with entries as (
       select dedupe_key, kind, title, body, min(created_at) as at from notifications
       where campaign_id = $1 and problem_no = $2 group by dedupe_key, kind, title, body
     )
     select e.kind, e.title, e.body, e.at, d.channel, d.status, d.sent_at as "sentAt", d.last_error as error, n.recipient_name as recipient
     from entries e
     join notifications n on n.campaign_id = $1 and n.problem_no = $2 and n.dedupe_key = e.dedupe_key and n.kind = e.kind and n.title = e.title and n.body = e.body
     join deliveries d on d.notification_id = n.id
     order by d.id`,
    [campaignId, no],
  );
  const out = new Map<string, DeliveryMark[]>();
  for (const { kind, title, body, at, ...mark } of rows) {
    const key = toldKey({ kind, title, body, at });
    out.set(key, [...(out.get(key) ?? []), mark]);
  }
  return out;
}
