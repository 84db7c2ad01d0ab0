import type { Db } from '../client';

export interface PasswordUpdate {
  username: string;
  /** argon2id PHC string. */
  passwordHash: string;
  /** True for a password someone else chose (a reset): its owner must change it at sign-in. */
  mustChangePassword: boolean;
  at: Date;
}

/**
 * Stores a new password hash. It also clears failures and any lock: whoever set it either knew the
 * current password or is an administrator. Returns whether the account exists.
 */
export async function setPassword(db: Db, u: PasswordUpdate): Promise<boolean> {
  const { rows } = await db.query(
    `update accounts set password_hash = $2, must_change_password = $3, password_changed_at = $4, updated_at = $4,
       failed_attempts = 0, locked_until = null
     where username = $1 returning 1`,
    [u.username, u.passwordHash, u.mustChangePassword, u.at],
  );
  return rows.length > 0;
}
