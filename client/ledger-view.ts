import { shanghaiDate } from '../domain/dates';
import { actionLabel, STATUS_LABEL, STATUSES, WARNING_LABEL, ProblemStatus } from '../domain/problem-types';
import { KIND_LABEL } from '../domain/schemas';
import type { Db } from '../db/client';
import { listNotifications as queryNotifications } from '../db/queries/list-notifications';
import { queryLedger } from '../db/queries/ledger';
import { UserError } from '../domain/errors';
import { table, truncate } from './format';
import { beijingMinute } from './problem-view';

export interface LedgerFilters {
  campaign: string;
  status?: string;
  department?: string;
  overdue?: boolean;
}

/** The ledger (台账) as the office reads it: one line per problem from the live projection. */
export async function listLedger(db: Db, o: LedgerFilters): Promise<string> {
  if (o.status && !STATUSES.includes(o.status as ProblemStatus)) {
    throw new UserError(`--status: 未知状态「${o.status}」，可选：${STATUSES.map((s) => `${s}（${STATUS_LABEL[s]}）`).join('、')}`);
  }
  const today = shanghaiDate(Date.now());
  const { rows } = await queryLedger(db, {
    campaignId: o.campaign,
    today,
    status: o.status ? [o.status as ProblemStatus] : undefined,
    department: o.department,
    overdue: o.overdue,
  });
  const body = table(
    ['序号', '问题', '类型', '责任科室', '状态', '时限', '预警', '措施', '最近操作'],
    rows.map((r) => [
      String(r.no),
      truncate(r.title, 30),
      KIND_LABEL[r.kind],
      r.department,
      STATUS_LABEL[r.status],
      r.deadline ?? '—',
      r.warning === 'none' ? '' : WARNING_LABEL[r.warning],
      `${r.measuresDone}/${r.measuresTotal}`,
      truncate(r.lastAction ? actionLabel(r.lastAction) : '', 20),
    ]),
  );
  const closed = rows.filter((r) => r.status === 'closed').length;
  return `${body}\n共 ${rows.length} 个问题，已销号 ${closed} 个`;
}

export async function listNotifications(db: Db, recipientId: string, campaignId?: string): Promise<string> {
  const rows = await queryNotifications(db, { recipientId, campaignId });
  if (!rows.length) return `${recipientId} 没有通知`;
  return rows.map((n) => `[${beijingMinute(n.createdAt)}] ${n.title}\n    ${n.body}`).join('\n');
}
