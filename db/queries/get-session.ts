import type { Me } from '../../domain/accounts';
import type { Db } from '../client';

/** An open session with what the desk needs to know about its account on every request. */
export interface SessionRow extends Me {
  id: number;
  createdAt: Date;
  lastSeenAt: Date;
  disabled: boolean;
}

/** The open (not ended) session with this token hash; null otherwise. Timeouts are the caller's. */
export async function getSession(db: Db, tokenSha256: string): Promise<SessionRow | null> {
  const { rows: [row] } = await db.query<SessionRow>(
    `select s.id, s.created_at as "createdAt", s.last_seen_at as "lastSeenAt", a.username, a.person_id as "personId",
       a.name, a.role, a.department, a.must_change_password as "mustChangePassword", a.disabled
     from sessions s join accounts a on a.username = s.username
     where s.token_sha256 = $1 and s.ended_at is null`,
    [tokenSha256],
  );
  return row ?? null;
}
