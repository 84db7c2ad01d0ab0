import type { Db } from '../client';
import { Binds, type LedgerScope, type PersonName, scopeSql } from './desk-scope';

// The timeline's "who was told when" for one problem: each notification once, with everyone it
// went to (the outbox keeps one row per recipient).

export interface ProblemNotificationsParams {
  campaignId: string;
  no: number;
  /** When given, a problem outside the remit has no notifications to show. */
  scope?: LedgerScope;
}

export interface ProblemNotification {
  kind: string;
  title: string;
  body: string;
  /** When it was queued (its first recipient's row). */
  at: Date;
  /** In the order they were queued. */
  recipients: PersonName[];
}

/** Oldest first. */
export async function problemNotifications(db: Db, q: ProblemNotificationsParams): Promise<ProblemNotification[]> {
  const b = new Binds();
  const campaign = b.add(q.campaignId);
  const no = b.add(q.no);
  const { rows } = await db.query<ProblemNotification>(
    `select n.kind, n.title, n.body, min(n.created_at) as at,
       json_agg(json_build_object('id', n.recipient_id, 'name', n.recipient_name) order by n.id) as recipients
     from notifications n
     where n.campaign_id = ${campaign} and n.problem_no = ${no}
       and exists (select 1 from problems p where p.campaign_id = ${campaign} and p.no = ${no}${scopeSql(q.scope ?? { kind: 'all' }, b)})
     group by n.dedupe_key, n.kind, n.title, n.body
     order by min(n.id)`,
    b.values,
  );
  return rows;
}
