import { randomUUID } from 'node:crypto';
import type { Channel } from '../../domain/contacts';
import { deskCampaignUrl, deskProblemUrl, subjectOf, WEEKLY_DIGEST_KIND, type MessageContent, type MessageItem } from '../../domain/delivery';
import type { Db } from '../client';
import { insertRows, json } from '../sql';

// Step 2 of the dispatcher: deliveries that have fallen due are gathered by batch into messages —
// a person's reminders of one morning into one digest, a notice's recipients in one group into one
// robot post. Every delivery of a batch that is waiting joins, including those due a moment later,
// so a digest is not split by seconds. The message gets its idempotency key here, once.

export interface ComposeInput {
  now: number;
  /** Links to the desk; null: none. */
  deskUrl: string | null;
  /** Batches per call at most; the dispatcher calls again while some are left. */
  limit?: number;
}

type Row = {
  id: number;
  batch: string;
  channel: Channel;
  target: string;
  robotId: number | null;
  mention: string | null;
  urgent: boolean;
  recipientName: string;
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  campaignId: string;
  problemNo: number | null;
};

function linkOf(deskUrl: string | null, r: Row): string | null {
  if (!deskUrl) return null;
  return r.problemNo === null ? deskCampaignUrl(deskUrl, r.campaignId, r.kind === WEEKLY_DIGEST_KIND ? 'overview' : 'supervision') : deskProblemUrl(deskUrl, r.campaignId, r.problemNo);
}

function contentOf(rows: Row[], deskUrl: string | null): MessageContent {
  const items = new Map<string, MessageItem>();
  const mentions = new Map<string, { name: string; chatId: string | null }>();
  for (const r of rows) {
    if (!items.has(r.dedupeKey)) items.set(r.dedupeKey, { kind: r.kind, title: r.title, body: r.body, link: linkOf(deskUrl, r) });
    mentions.set(r.mention ?? `name:${r.recipientName}`, { name: r.recipientName, chatId: r.mention });
  }
  const email = rows[0]!.channel === 'email';
  return { greeting: email ? rows[0]!.recipientName : null, items: [...items.values()], mentions: email ? [] : [...mentions.values()] };
}

/** Composes the messages of up to `limit` due batches; returns how many messages were created. */
export async function composeMessages(db: Db, q: ComposeInput): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: batches } = await tx.query<{ batch: string }>(
      `select distinct batch from deliveries where message_id is null and status in ('pending', 'deferred') and not_before <= $1 limit $2`,
      [new Date(q.now), q.limit ?? 200],
    );
    if (!batches.length) return 0;
    const { rows } = await tx.query<Row>(
      `select d.id, d.batch, d.channel, d.target, d.robot_id as "robotId", d.mention, d.urgent, n.recipient_name as "recipientName",
         n.dedupe_key as "dedupeKey", n.kind, n.title, n.body, n.campaign_id as "campaignId", n.problem_no as "problemNo"
       from deliveries d join notifications n on n.id = d.notification_id
       where d.batch = any($1::text[]) and d.message_id is null and d.status in ('pending', 'deferred')
       order by d.id for update of d skip locked`,
      [batches.map((b) => b.batch)],
    );
    const groups = new Map<string, Row[]>();
    for (const r of rows) groups.set(r.batch, [...(groups.get(r.batch) ?? []), r]);
    if (!groups.size) return 0;
    const at = new Date(q.now);
    const planned = [...groups.entries()].map(([batch, members]) => {
      const first = members[0]!;
      const urgent = members.some((m) => m.urgent);
      const content = contentOf(members, q.deskUrl);
      return {
        key: randomUUID(),
        members,
        row: [first.channel, first.target, first.robotId, batch.startsWith('digest:') ? 'digest' : 'single', urgent, subjectOf(content.items, urgent), json(content), at],
      };
    });
    const inserted = await insertRows<{ id: number; key: string }>(
      tx,
      'messages',
      ['key', 'channel', 'target', 'robot_id', 'shape', 'urgent', 'subject', 'content', 'created_at'],
      planned.map((p) => [p.key, ...p.row]),
      'returning id, key',
    );
    const idOf = new Map(inserted.map((m) => [m.key, m.id]));
    const deliveryIds = planned.flatMap((p) => p.members.map((m) => m.id));
    const messageIds = planned.flatMap((p) => p.members.map(() => idOf.get(p.key)!));
    await tx.query(
      `update deliveries d set message_id = v.mid, status = 'pending', updated_at = $3
       from (select unnest($1::bigint[]) as id, unnest($2::bigint[]) as mid) v where d.id = v.id`,
      [deliveryIds, messageIds, at],
    );
    return planned.length;
  });
}
