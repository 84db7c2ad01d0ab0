import type { PersonRef } from '../../domain/problem-types';
import type { Db } from '../client';

// The campaigns that get a weekly digest (those with a problem not yet closed) and who gets it:
// the leading group's head and its office.

export interface WeeklyCampaign {
  id: string;
  name: string;
  organisation: string;
  /** The campaign policy's hour for notices (default 9). */
  notifyHour: number;
  /** The policy's workingDays is 'off': Monday is the digest's day whatever the holidays. */
  calendarDays: boolean;
  createdAt: Date;
  recipients: PersonRef[];
}

export async function weeklyDigestCampaigns(db: Db): Promise<WeeklyCampaign[]> {
  const { rows } = await db.query<Omit<WeeklyCampaign, 'recipients'> & { ids: string[] }>(
    `select c.id, c.name, c.organisation, coalesce((c.policy ->> 'notifyHour')::int, 9) as "notifyHour",
       coalesce(c.policy ->> 'workingDays', '') = 'off' as "calendarDays", c.created_at as "createdAt",
       array[c.leading_group ->> 'head'] || array(select jsonb_array_elements_text(c.leading_group -> 'office')) as ids
     from campaigns c
     where exists (select 1 from problems p where p.campaign_id = c.id and p.status <> 'closed')
     order by c.id`,
  );
  if (!rows.length) return [];
  const { rows: people } = await db.query<{ campaignId: string; id: string; name: string }>(
    'select campaign_id as "campaignId", id, name from people where campaign_id = any($1::text[])',
    [rows.map((r) => r.id)],
  );
  const nameOf = new Map(people.map((p) => [`${p.campaignId}/${p.id}`, p.name]));
  return rows.map(({ ids, ...c }) => ({
    ...c,
    recipients: [...new Set(ids)].map((id) => ({ id, name: nameOf.get(`${c.id}/${id}`) ?? id })),
  }));
}
