import type { WarningLevel } from '../../domain/problem-types';
import type { Db } from '../client';
import { OVERDUE_STATUSES } from '../overdue';
import { Binds, capOf, capped, type Capped, type LedgerScope, type PersonName, scopeSql } from './desk-scope';

// 督办中心: problems under a yellow or red warning and everything they were told. A supervision
// notice (督办单) is numbered by the order in which problems first got their red warning within the
// campaign: rows of the outbox are never removed and their ids only grow, so a number, once given,
// never changes — a later extension and a second red warning keep the first number. (Only two red
// warnings queued in the same instant by concurrent transactions could swap before both commit.)

/** Notifications that make up the supervision record of a problem. */
export const SUPERVISION_KINDS = ['warning-yellow', 'warning-red', 'manual-reminder'] as const;

export interface SupervisionParams {
  campaignId: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  today: string;
  scope: LedgerScope;
  /** Problems at most (default DESK_LIST_CAP). */
  limit?: number;
}

export interface Told {
  kind: string;
  title: string;
  recipients: PersonName[];
  at: Date;
}

export interface SupervisionRow {
  no: number;
  title: string;
  department: string;
  responsibleLeader: PersonName;
  owner: PersonName;
  deadline: string | null;
  /** As the ledger counts it: 0 while in closure review. */
  daysOverdue: number;
  warning: Exclude<WarningLevel, 'none'>;
  noticeNo: number | null;
  /** Shanghai date of the first red warning. */
  noticeDate: string | null;
  /** Oldest first, one entry per notification with all its recipients. */
  told: Told[];
}

export interface SupervisionNotice {
  no: number;
  noticeNo: number;
  noticeDate: string;
  at: Date;
  title: string;
  body: string;
  recipients: PersonName[];
}

/**
 * Each problem's first red warning in the campaign ($1), numbered in the order they were queued,
 * with its Shanghai date; read from the index notifications_red_warnings alone (006).
 */
const NUMBERED = `
  firsts as (
    select problem_no, min(id) as id, (min(created_at) at time zone 'Asia/Shanghai')::date as notice_date from notifications
    where campaign_id = $1 and kind = 'warning-red' and problem_no is not null group by problem_no
  ),
  numbered as (select problem_no, id, notice_date, row_number() over (order by id)::int as notice_no from firsts)`;

type Row = Omit<SupervisionRow, 'responsibleLeader' | 'owner' | 'told'> & { leaderId: string; leaderName: string; ownerId: string; ownerName: string; total: number };

export async function supervisionList(db: Db, q: SupervisionParams): Promise<Capped<SupervisionRow>> {
  const b = new Binds();
  b.add(q.campaignId); // $1, as NUMBERED expects
  const today = `${b.add(q.today)}::date`;
  const overdue = `(case when p.status = any(${b.add(OVERDUE_STATUSES)}::text[]) and p.deadline < ${today} then ${today} - p.deadline else 0 end)`;
  // The page is chosen on narrow rows (number, warning, days): the names, titles and notice numbers
  // are joined to the rows shown only.
  const { rows } = await db.query<Row>(
    `with ${NUMBERED},
     page as (
       select p.no, p.warning, ${overdue}::int as "daysOverdue", count(*) over ()::int as total
       from problems p
       where p.campaign_id = $1 and p.warning in ('yellow', 'red')${scopeSql(q.scope, b)}
       order by (p.warning = 'red') desc, "daysOverdue" desc, p.no limit ${b.add(capOf(q.limit))}
     )
     select x.no, p.title, p.department, p.responsible_leader as "leaderId", coalesce(l.name, p.responsible_leader) as "leaderName",
       p.owner as "ownerId", coalesce(o.name, p.owner) as "ownerName", p.deadline, x."daysOverdue", x.warning,
       nb.notice_no as "noticeNo", nb.notice_date as "noticeDate", x.total
     from page x
     join problems p on p.campaign_id = $1 and p.no = x.no
     left join people l on l.campaign_id = p.campaign_id and l.id = p.responsible_leader
     left join people o on o.campaign_id = p.campaign_id and o.id = p.owner
     left join numbered nb on nb.problem_no = x.no
     order by (x.warning = 'red') desc, x."daysOverdue" desc, x.no`,
    b.values,
  );
  const { items, total } = capped(rows);
  const told = await toldOf(db, q.campaignId, items.map((r) => r.no));
  return {
    items: items.map(({ leaderId, leaderName, ownerId, ownerName, ...r }) => ({
      ...r,
      responsibleLeader: { id: leaderId, name: leaderName },
      owner: { id: ownerId, name: ownerName },
      told: told.get(r.no) ?? [],
    })),
    total,
  };
}

/** Warnings and manual reminders of these problems, per notification, oldest first. */
async function toldOf(db: Db, campaignId: string, nos: number[]): Promise<Map<number, Told[]>> {
  const out = new Map<number, Told[]>();
  if (!nos.length) return out;
  const { rows } = await db.query<Told & { no: number }>(
    `select problem_no as no, kind, title, min(created_at) as at,
       json_agg(json_build_object('id', recipient_id, 'name', recipient_name) order by id) as recipients
     from notifications
     where campaign_id = $1 and problem_no = any($2::int[]) and kind = any($3::text[])
     group by problem_no, dedupe_key, kind, title
     order by problem_no, min(id)`,
    [campaignId, nos, SUPERVISION_KINDS],
  );
  for (const { no, ...t } of rows) {
    const list = out.get(no) ?? [];
    list.push(t);
    out.set(no, list);
  }
  return out;
}

export interface SupervisionNoticeParams {
  campaignId: string;
  no: number;
  /** When given, a problem outside the remit answers null like one never warned. */
  scope?: LedgerScope;
}

/** The 督办单 of one problem: its number, date and recipients; null when no red warning was ever sent. */
export async function supervisionNotice(db: Db, q: SupervisionNoticeParams): Promise<SupervisionNotice | null> {
  const b = new Binds();
  b.add(q.campaignId);
  const { rows: [n] } = await db.query<Omit<SupervisionNotice, 'recipients'> & { dedupeKey: string }>(
    `with ${NUMBERED}
     select nb.problem_no as no, nb.notice_no as "noticeNo", nb.notice_date as "noticeDate", n.created_at as at, n.title, n.body,
       n.dedupe_key as "dedupeKey"
     from numbered nb join notifications n on n.id = nb.id
     join problems p on p.campaign_id = $1 and p.no = nb.problem_no
     where nb.problem_no = ${b.add(q.no)}${scopeSql(q.scope ?? { kind: 'all' }, b)}`,
    b.values,
  );
  if (!n) return null;
  const { rows: recipients } = await db.query<PersonName>(
    // n.id: a bare `id` would name the output column (the recipient's id).
    'select n.recipient_id as id, n.recipient_name as name from notifications n where n.dedupe_key = $1 order by n.id',
    [n.dedupeKey],
  );
  const { dedupeKey: _k, ...notice } = n;
  return { ...notice, recipients };
}
