import type { Db } from '../client';

/**
 * A correct password: the failure count starts again from zero. False (and nothing written) when a
 * lock holds at `at`, e.g. set by failures racing this sign-in: the lock wins.
 */
export async function recordSignInSuccess(db: Db, username: string, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    `update accounts set failed_attempts = 0, locked_until = null, last_sign_in_at = $2
     where username = $1 and (locked_until is null or locked_until <= $2) returning 1`,
    [username, at],
  );
  return rows.length > 0;
}
