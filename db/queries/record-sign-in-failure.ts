import type { Db } from '../client';

export interface SignInFailure {
  username: string;
  at: Date;
  /** Failures in a row that lock the account. */
  maxFailures: number;
  lockMs: number;
}

export interface SignInFailureResult {
  /** Failures in a row so far (0 again once this failure locked the account). */
  failedAttempts: number;
  /** Set when this very failure locked the account. */
  lockedUntil: Date | null;
}

/**
 * Counts one failed sign-in in a single statement, so concurrent failures are all counted; the
 * failure that reaches the limit locks the account and restarts the count for after the lock.
 * Nothing is counted while a lock holds. Null when the account is unknown or locked.
 */
export async function recordSignInFailure(db: Db, f: SignInFailure): Promise<SignInFailureResult | null> {
  const until = new Date(f.at.getTime() + f.lockMs);
  // In SET, failed_attempts on the right-hand side is the value before this update.
  const { rows: [row] } = await db.query<SignInFailureResult>(
    `update accounts set
       failed_attempts = case when failed_attempts + 1 >= $3::int then 0 else failed_attempts + 1 end,
       locked_until = case when failed_attempts + 1 >= $3::int then $4::timestamptz else null end
     where username = $1 and (locked_until is null or locked_until <= $2)
     returning failed_attempts as "failedAttempts", locked_until as "lockedUntil"`,
    [f.username, f.at, f.maxFailures, until],
  );
  return row ?? null;
}
