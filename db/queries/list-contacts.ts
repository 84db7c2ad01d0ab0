import type { Db } from '../client';
import { CONTACT_COLUMNS, type ContactRow } from './get-contact';

/** The contacts of these people (those who have any), by person id (collate "C": the same order everywhere). */
export async function listContacts(db: Db, personIds: readonly string[]): Promise<ContactRow[]> {
  if (!personIds.length) return [];
  const { rows } = await db.query<ContactRow>(
    `select ${CONTACT_COLUMNS} from contacts where person_id = any($1::text[]) order by person_id collate "C"`,
    [[...new Set(personIds)]],
  );
  return rows;
}
