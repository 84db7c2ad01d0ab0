import type { Db } from '../client';

export interface ListNotificationsParams {
  recipientId?: string;
  campaignId?: string;
  /** Only those not yet read. */
  unread?: boolean;
}

export interface NotificationRow {
  id: number;
  dedupeKey: string;
  recipientId: string;
  recipientName: string;
  campaignId: string;
  problemNo: number | null;
  workflowId: string;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** The inbox, oldest first (the order they were queued in). */
export async function listNotifications(db: Db, p: ListNotificationsParams = {}): Promise<NotificationRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (p.recipientId) where.push(`recipient_id = $${params.push(p.recipientId)}`);
  if (p.campaignId) where.push(`campaign_id = $${params.push(p.campaignId)}`);
  if (p.unread) where.push('read_at is null');
  const { rows } = await db.query<NotificationRow>(
    `select id, dedupe_key as "dedupeKey", recipient_id as "recipientId", recipient_name as "recipientName",
       campaign_id as "campaignId", problem_no as "problemNo", workflow_id as "workflowId", kind, title, body,
       created_at as "createdAt", read_at as "readAt"
     from notifications ${where.length ? `where ${where.join(' and ')}` : ''}
     order by id`,
    params,
  );
  return rows;
}
