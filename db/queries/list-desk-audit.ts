import type { Db } from '../client';

export interface DeskAuditRow {
  id: number;
  at: Date;
  username: string | null;
  personId: string | null;
  kind: string;
  campaignId: string | null;
  problemNo: number | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface DeskAuditFilter {
  username?: string;
  kind?: string;
  campaignId?: string;
  /** Only with campaignId. */
  problemNo?: number;
  /** Rows with a smaller id: the next page after the last row of a page. */
  beforeId?: number;
  /** Newest first; default 100, at most 1000. */
  limit?: number;
}

/** The desk's audit rows, newest first, filtered; page with `beforeId`. */
export async function listDeskAudit(db: Db, f: DeskAuditFilter = {}): Promise<DeskAuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => where.push(clause(`$${params.push(value)}`));
  if (f.username !== undefined) add((p) => `username = ${p}`, f.username);
  if (f.kind !== undefined) add((p) => `kind = ${p}`, f.kind);
  if (f.campaignId !== undefined) add((p) => `campaign_id = ${p}`, f.campaignId);
  if (f.problemNo !== undefined) add((p) => `problem_no = ${p}`, f.problemNo);
  if (f.beforeId !== undefined) add((p) => `id < ${p}`, f.beforeId);
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? 100), 1), 1000);
  const { rows } = await db.query<DeskAuditRow>(
    `select id, at, username, person_id as "personId", kind, campaign_id as "campaignId", problem_no as "problemNo", detail, ip
     from desk_audit ${where.length ? `where ${where.join(' and ')}` : ''}
     order by id desc limit ${limit}`,
    params,
  );
  return rows;
}
