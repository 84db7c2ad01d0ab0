import type { Db } from '../client';

/** Marks the session used at `at` (never moves last_seen backwards). */
export async function touchSession(db: Db, sessionId: number, at: Date): Promise<void> {
  await db.query('update sessions set last_seen_at = $2 where id = $1 and ended_at is null and last_seen_at < $2', [sessionId, at]);
}
