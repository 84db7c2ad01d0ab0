import type { Db } from '../client';
import { ACCOUNT_COLUMNS, type AccountRow } from './get-account';

/** Every account, by username (collate "C": the same order on every server). */
export async function listAccounts(db: Db): Promise<AccountRow[]> {
  const { rows } = await db.query<AccountRow>(`select ${ACCOUNT_COLUMNS} from accounts order by username collate "C"`);
  return rows;
}
