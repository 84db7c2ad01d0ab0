import type { Db } from '../client';

export interface PersonOfLedger {
  id: string;
  name: string;
  department: string | null;
}

/**
 * A person of the ledger by id. Ids are the same across campaigns; the most recently loaded
 * campaign that lists the person gives the current name and department. Null when no campaign does.
 */
export async function getPerson(db: Db, personId: string): Promise<PersonOfLedger | null> {
  const { rows: [row] } = await db.query<PersonOfLedger>(
    `select p.id, p.name, p.department from people p join campaigns c on c.id = p.campaign_id
     where p.id = $1 order by c.created_at desc, c.id desc limit 1`,
    [personId],
  );
  return row ?? null;
}
