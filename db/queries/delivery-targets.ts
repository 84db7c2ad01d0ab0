import type { Channel, RobotProvider } from '../../domain/contacts';
import { reachOf, type Reach } from '../../domain/delivery';
import type { Db } from '../client';

// Where each person of a campaign is reached, from contacts (per person) and the robots of their
// group (their department's, or the office's for people without one). Read in three statements
// for a whole batch of notifications; the rule itself is domain/delivery.ts reachOf.

export interface PersonKey {
  campaignId: string;
  personId: string;
}

type ContactRow = { personId: string; email: string | null; wecom: string | null; dingtalk: string | null; feishu: string | null; channels: Channel[] | null };
type PersonRow = { campaignId: string; id: string; department: string | null };
type RobotRow = { id: number; campaignId: string; department: string | null; provider: RobotProvider };

const keyOf = (k: PersonKey) => `${k.campaignId}\u0000${k.personId}`;

/** Each person's channels, keyed by campaign and person id (see `reachKey`). */
export async function reachOfPeople(db: Db, people: PersonKey[]): Promise<Map<string, Reach[]>> {
  const out = new Map<string, Reach[]>();
  if (!people.length) return out;
  const ids = [...new Set(people.map((p) => p.personId))];
  const campaigns = [...new Set(people.map((p) => p.campaignId))];
  // One after another: inside a transaction they share one connection.
  const contacts = await db.query<ContactRow>(
    `select person_id as "personId", email, wecom_userid as wecom, dingtalk_userid as dingtalk, feishu_open_id as feishu, channels
     from contacts where person_id = any($1::text[])`,
    [ids],
  );
  const persons = await db.query<PersonRow>('select campaign_id as "campaignId", id, department from people where campaign_id = any($1::text[]) and id = any($2::text[])', [campaigns, ids]);
  const robots = await db.query<RobotRow>(
    'select id, campaign_id as "campaignId", department, provider from robots where enabled and campaign_id = any($1::text[]) order by id',
    [campaigns],
  );
  const contactOf = new Map(contacts.rows.map((c) => [c.personId, c]));
  const departmentOf = new Map(persons.rows.map((p) => [keyOf({ campaignId: p.campaignId, personId: p.id }), p.department]));
  for (const p of people) {
    const k = keyOf(p);
    if (out.has(k)) continue;
    const c = contactOf.get(p.personId);
    const department = departmentOf.get(k) ?? null;
    const group = robots.rows.filter((r) => r.campaignId === p.campaignId && r.department === department);
    out.set(
      k,
      reachOf({
        email: c?.email ?? null,
        chatIds: { wecom: c?.wecom ?? null, dingtalk: c?.dingtalk ?? null, feishu: c?.feishu ?? null },
        channels: c?.channels ?? null,
        robots: group.map((r) => ({ id: Number(r.id), provider: r.provider })),
      }),
    );
  }
  return out;
}

export const reachKey = keyOf;
