import type { Channel } from '../../domain/contacts';
import type { Db } from '../client';

/** How a person is reached outside the desk (table contacts, one row per person id). */
export interface ContactRow {
  personId: string;
  email: string | null;
  mobile: string | null;
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  feishuOpenId: string | null;
  /** The channels the person chose; null: the defaults. */
  channels: Channel[] | null;
  updatedAt: Date;
}

/** The select list of ContactRow, shared by the modules that return contacts. */
export const CONTACT_COLUMNS = `person_id as "personId", email, mobile, wecom_userid as "wecomUserId",
  dingtalk_userid as "dingtalkUserId", feishu_open_id as "feishuOpenId", channels, updated_at as "updatedAt"`;

/** One person's contacts; null when none were ever given. */
export async function getContact(db: Db, personId: string): Promise<ContactRow | null> {
  const { rows: [row] } = await db.query<ContactRow>(`select ${CONTACT_COLUMNS} from contacts where person_id = $1`, [personId]);
  return row ?? null;
}
