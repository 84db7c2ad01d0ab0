import type { AccountRole } from '../../domain/accounts';
import type { Db } from '../client';
import { ACCOUNT_COLUMNS, type AccountRow } from './get-account';

/** Fields an administrator may change; absent fields are kept. */
export interface AccountPatch {
  name?: string;
  role?: AccountRole;
  department?: string | null;
  disabled?: boolean;
}

/** Applies the patch; null when the account is unknown. */
export async function updateAccount(db: Db, username: string, patch: AccountPatch, at: Date): Promise<AccountRow | null> {
  // A flag per field: "keep" must differ from "set to null" for the department.
  const { rows: [row] } = await db.query<AccountRow>(
    `update accounts set
       name = case when $2 then $3 else name end,
       role = case when $4 then $5 else role end,
       department = case when $6 then $7 else department end,
       disabled = case when $8 then $9 else disabled end,
       updated_at = $10
     where username = $1
     returning ${ACCOUNT_COLUMNS}`,
    [username, patch.name !== undefined, patch.name ?? null, patch.role !== undefined, patch.role ?? null,
      patch.department !== undefined, patch.department ?? null, patch.disabled !== undefined, patch.disabled ?? null, at],
  );
  return row ?? null;
}
