import type { Db } from '../client';

/** What sign-in checks; kept apart from AccountRow so the hash never travels with a shown account. */
export interface Credentials {
  username: string;
  personId: string;
  passwordHash: string;
  disabled: boolean;
  lockedUntil: Date | null;
}

export async function getCredentials(db: Db, username: string): Promise<Credentials | null> {
  const { rows: [row] } = await db.query<Credentials>(
    `select username, person_id as "personId", password_hash as "passwordHash", disabled, locked_until as "lockedUntil"
     from accounts where username = $1`,
    [username],
  );
  return row ?? null;
}
