import type { AccountRole } from '../../domain/accounts';
import type { Db } from '../client';
import { ACCOUNT_COLUMNS, type AccountRow } from './get-account';

export interface AccountInsert {
  username: string;
  personId: string;
  name: string;
  role: AccountRole;
  department: string | null;
  /** argon2id PHC string: callers hash first (services/passwords.ts). */
  passwordHash: string;
  mustChangePassword: boolean;
  at: Date;
}

/** Creates the account; null when the username is taken (nothing is changed then). */
export async function insertAccount(db: Db, a: AccountInsert): Promise<AccountRow | null> {
  const { rows: [row] } = await db.query<AccountRow>(
    `insert into accounts (username, person_id, name, role, department, password_hash, must_change_password, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     on conflict (username) do nothing
     returning ${ACCOUNT_COLUMNS}`,
    [a.username, a.personId, a.name, a.role, a.department, a.passwordHash, a.mustChangePassword, a.at],
  );
  return row ?? null;
}
