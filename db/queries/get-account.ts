import type { Me } from '../../domain/accounts';
import type { Db } from '../client';

/** An account as the desk shows it: never the password hash (see getCredentials for that). */
export interface AccountRow extends Me {
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The select list of AccountRow, shared by the modules that return accounts. */
export const ACCOUNT_COLUMNS = `username, person_id as "personId", name, role, department,
  must_change_password as "mustChangePassword", disabled, failed_attempts as "failedAttempts",
  locked_until as "lockedUntil", last_sign_in_at as "lastSignInAt", password_changed_at as "passwordChangedAt",
  created_at as "createdAt", updated_at as "updatedAt"`;

/** One account; null when unknown. */
export async function getAccount(db: Db, username: string): Promise<AccountRow | null> {
  const { rows: [row] } = await db.query<AccountRow>(`select ${ACCOUNT_COLUMNS} from accounts where username = $1`, [username]);
  return row ?? null;
}
