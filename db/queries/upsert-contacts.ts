import type { Channel } from '../../domain/contacts';
import type { Db } from '../client';
import { json } from '../sql';

/**
 * Contacts of one person to write. A field left out (undefined) keeps what is stored; null clears
 * it. A ledger's people sheet gives only the cells filled in; the desk gives what its form shows.
 */
export interface ContactUpsert {
  personId: string;
  email?: string | null;
  mobile?: string | null;
  wecomUserId?: string | null;
  dingtalkUserId?: string | null;
  feishuOpenId?: string | null;
  channels?: Channel[] | null;
}

/** JSON key (as sent) → column. */
const FIELDS = [
  ['email', 'email'],
  ['mobile', 'mobile'],
  ['wecomUserId', 'wecom_userid'],
  ['dingtalkUserId', 'dingtalk_userid'],
  ['feishuOpenId', 'feishu_open_id'],
] as const;

const CHANNELS = `case when jsonb_typeof(x.e->'channels') = 'array' then array(select jsonb_array_elements_text(x.e->'channels')) end`;

/**
 * Writes many people's contacts at once, all or nothing. Returns the ids of the people whose row
 * was created or changed (a value written again as it was does not count, nor touch updated_at).
 */
export async function upsertContacts(db: Db, contacts: readonly ContactUpsert[], at: Date): Promise<string[]> {
  // One entry per person (later ones win field by field); JSON keys only for the given fields.
  const merged = new Map<string, Record<string, unknown>>();
  for (const c of contacts) {
    const given = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
    merged.set(c.personId, { ...merged.get(c.personId), ...given });
  }
  if (!merged.size) return [];
  const input = json([...merged.values()]);
  const source = `(select e->>'personId' as person_id, e from jsonb_array_elements($1::jsonb) as e) x`;
  return db.transaction(async (tx) => {
    // Two statements, not one with two CTEs: the update must see rows another loader inserted meanwhile.
    const inserted = await tx.query<{ personId: string }>(
      `insert into contacts (person_id, ${FIELDS.map(([, c]) => c).join(', ')}, channels, updated_at)
       select x.person_id, ${FIELDS.map(([k]) => `x.e->>'${k}'`).join(', ')}, ${CHANNELS}, $2 from ${source}
       on conflict (person_id) do nothing
       returning person_id as "personId"`,
      [input, at],
    );
    const fresh = new Set(inserted.rows.map((r) => r.personId));
    const set = FIELDS.map(([k, c]) => `${c} = case when x.e ? '${k}' then x.e->>'${k}' else c.${c} end`);
    const changed = FIELDS.map(([k, c]) => `(x.e ? '${k}' and c.${c} is distinct from x.e->>'${k}')`);
    const updated = await tx.query<{ personId: string }>(
      `update contacts c set ${set.join(', ')},
         channels = case when x.e ? 'channels' then ${CHANNELS} else c.channels end,
         updated_at = $2
       from ${source}
       where c.person_id = x.person_id and not (c.person_id = any($3::text[]))
         and (${changed.join(' or ')} or (x.e ? 'channels' and c.channels is distinct from ${CHANNELS}))
       returning c.person_id as "personId"`,
      [input, at, [...fresh]],
    );
    return [...fresh, ...updated.rows.map((r) => r.personId)];
  });
}
