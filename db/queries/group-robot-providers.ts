import type { RobotProvider } from '../../domain/contacts';
import type { Db } from '../client';

/**
 * The providers of the enabled robots of the person's group, in any campaign that lists the
 * person: their department's group, or the office's (department null) for people without one.
 * What "the defaults" mean for the person's robot channels.
 */
export async function groupRobotProviders(db: Db, personId: string): Promise<RobotProvider[]> {
  const { rows } = await db.query<{ provider: RobotProvider }>(
    `select distinct r.provider from robots r
     join people p on p.campaign_id = r.campaign_id and p.id = $1 and r.department is not distinct from p.department
     where r.enabled order by r.provider`,
    [personId],
  );
  return rows.map((r) => r.provider);
}
