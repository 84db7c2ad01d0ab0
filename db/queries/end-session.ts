import type { Db } from '../client';

/** Why a session ended (sessions.end_reason). */
export type SessionEndReason = 'sign-out' | 'idle' | 'absolute' | 'password-changed' | 'password-reset' | 'disabled' | 'locked';

export interface EndedSession {
  id: number;
  username: string;
  personId: string;
}

/** Ends the open session with this token hash; null when there was none (already ended or unknown). */
export async function endSession(db: Db, tokenSha256: string, reason: SessionEndReason, at: Date): Promise<EndedSession | null> {
  const { rows: [row] } = await db.query<EndedSession>(
    `update sessions s set ended_at = $3, end_reason = $2 from accounts a
     where s.token_sha256 = $1 and s.ended_at is null and a.username = s.username
     returning s.id, s.username, a.person_id as "personId"`,
    [tokenSha256, reason, at],
  );
  return row ?? null;
}
