import type { Db } from '../client';
import type { SessionEndReason } from './end-session';

/** Ends every open session of the account except `keepSessionId`; returns how many were ended. */
export async function endSessionsOfAccount(
  db: Db,
  p: { username: string; reason: SessionEndReason; at: Date; keepSessionId?: number },
): Promise<number> {
  const { rows } = await db.query(
    `update sessions set ended_at = $3, end_reason = $2
     where username = $1 and ended_at is null and ($4::bigint is null or id <> $4) returning id`,
    [p.username, p.reason, p.at, p.keepSessionId ?? null],
  );
  return rows.length;
}
