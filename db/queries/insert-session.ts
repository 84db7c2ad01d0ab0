import type { Db } from '../client';

export interface SessionInsert {
  /** Hex SHA-256 of the token; the token itself is never stored. */
  tokenSha256: string;
  username: string;
  at: Date;
  ip: string | null;
}

/** Opens a session; returns its id (safe to log and audit, unlike the token). */
export async function insertSession(db: Db, s: SessionInsert): Promise<number> {
  const { rows: [row] } = await db.query<{ id: number }>(
    'insert into sessions (token_sha256, username, created_at, last_seen_at, ip) values ($1, $2, $3, $3, $4) returning id',
    [s.tokenSha256, s.username, s.at, s.ip],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
