import type { Db } from '../client';

// The header bell: a person's own notifications, newest first, and marking them read. Every
// statement is keyed by the recipient, so nobody reads or marks another person's rows.

export interface MyNotificationsParams {
  recipientId: string;
  /** Only this campaign's notifications (the count of unread ones too). */
  campaignId?: string;
  limit: number;
  /** Paging backwards: only notifications older than this id. */
  beforeId?: number;
}

export interface InboxItem {
  id: number;
  campaignId: string;
  problemNo: number | null;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface MyNotifications {
  items: InboxItem[];
  /** Unread notifications of the recipient (in the campaign, when one is given), not only those listed. */
  unreadCount: number;
}

export async function myNotifications(db: Db, q: MyNotificationsParams): Promise<MyNotifications> {
  const params: unknown[] = [q.recipientId];
  const campaign = q.campaignId ? ` and campaign_id = $${params.push(q.campaignId)}` : '';
  const countParams = [...params];
  const before = q.beforeId !== undefined ? ` and id < $${params.push(q.beforeId)}` : '';
  const limit = Math.max(1, Math.min(500, Math.trunc(q.limit)));
  const [list, count] = await Promise.all([
    // Ids first, from the recipient's index alone, then their rows: asked for whole rows at once the
    // planner walks the whole outbox newest first and filters, slow when the newest rows are others'.
    db.query<InboxItem>(
      `with page as (select id from notifications where recipient_id = $1${campaign}${before} order by id desc limit $${params.push(limit)})
       select n.id, n.campaign_id as "campaignId", n.problem_no as "problemNo", n.kind, n.title, n.body, n.created_at as "createdAt",
         n.read_at as "readAt"
       from page join notifications n on n.id = page.id order by n.id desc`,
      params,
    ),
    db.query<{ unread: number }>(`select count(*)::int as unread from notifications where recipient_id = $1${campaign} and read_at is null`, countParams),
  ]);
  return { items: list.rows, unreadCount: count.rows[0]?.unread ?? 0 };
}

export interface MarkReadParams {
  recipientId: string;
  /** Notification ids, or every unread notification of the recipient. */
  ids: readonly number[] | 'all';
  /** With 'all': only this campaign's. */
  campaignId?: string;
}

/** Marks the recipient's own unread notifications read; ids of others' rows are ignored. Returns rows marked. */
export async function markNotificationsRead(db: Db, q: MarkReadParams): Promise<number> {
  const params: unknown[] = [q.recipientId];
  let where = 'recipient_id = $1 and read_at is null';
  if (q.ids !== 'all') {
    if (!q.ids.length) return 0;
    where += ` and id = any($${params.push(q.ids)}::bigint[])`;
  }
  if (q.campaignId) where += ` and campaign_id = $${params.push(q.campaignId)}`;
  const { rows } = await db.query(`update notifications set read_at = now() where ${where} returning id`, params);
  return rows.length;
}
