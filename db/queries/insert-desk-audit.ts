import type { Db } from '../client';
import { json } from '../sql';

/**
 * One row of the desk's audit trail. `kind` is free text: sign-in writes those of
 * domain/accounts.ts AUTH_AUDIT_LABEL, the HTTP layer its own (actions, uploads, imports…).
 * Never put a password or a session token in `detail`.
 */
export interface DeskAuditInput {
  at: Date;
  /** Null when nobody is known, e.g. a sign-in under an unknown name. */
  username: string | null;
  personId?: string | null;
  kind: string;
  campaignId?: string | null;
  problemNo?: number | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends the row; returns its id. */
export async function insertDeskAudit(db: Db, a: DeskAuditInput): Promise<number> {
  const { rows: [row] } = await db.query<{ id: number }>(
    `insert into desk_audit (at, username, person_id, kind, campaign_id, problem_no, detail, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [a.at, a.username, a.personId ?? null, a.kind, a.campaignId ?? null, a.problemNo ?? null, json(a.detail ?? {}), a.ip ?? null],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
