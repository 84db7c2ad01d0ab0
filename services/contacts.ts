// Contacts: how a person is reached outside the desk (email, mobile, chat ids) and the channels they
// chose. Written by the people sheet of a ledger (only the cells filled in), by the person on the
// 通知设置 page and by the administrator with the account. Who may call these is the caller's check.
import { CONTACT_FIELDS, type ContactField, ContactInputSchema, type ContactPatch, defaultChannels } from '../domain/contact-forms';
import type { Channel, RobotProvider } from '../domain/contacts';
import type { Db } from '../db/client';
import { type ContactRow, getContact } from '../db/queries/get-contact';
import { getPerson } from '../db/queries/get-person';
import { groupRobotProviders } from '../db/queries/group-robot-providers';
import { listAccounts } from '../db/queries/list-accounts';
import { listContacts } from '../db/queries/list-contacts';
import { type ContactUpsert, upsertContacts } from '../db/queries/upsert-contacts';
import { UserError } from '../domain/errors';
import { userErrorFromZod } from '../domain/schemas';

export type { ContactRow } from '../db/queries/get-contact';
export type { ContactUpsert } from '../db/queries/upsert-contacts';

/** The contacts as the API shows them (api/contacts.ts ContactBodySchema). */
export interface ContactBody {
  personId: string;
  email: string | null;
  mobile: string | null;
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  feishuOpenId: string | null;
  channels: Channel[] | null;
  updatedAt: string | null;
}

/** With the name in the ledger, the person's group robots and what the defaults give (ContactViewSchema). */
export interface ContactView extends ContactBody {
  name: string | null;
  groupRobots: RobotProvider[];
  defaults: Channel[];
}

const EMPTY = { email: null, mobile: null, wecomUserId: null, dingtalkUserId: null, feishuOpenId: null, channels: null } as const;

/** The contacts as the API shows them; a person who never gave any has every field null. */
export function contactBody(personId: string, row: ContactRow | null | undefined): ContactBody {
  const c = row ?? { ...EMPTY, updatedAt: null };
  return {
    personId,
    email: c.email, mobile: c.mobile, wecomUserId: c.wecomUserId, dingtalkUserId: c.dingtalkUserId, feishuOpenId: c.feishuOpenId,
    channels: c.channels,
    updatedAt: c.updatedAt ? new Date(c.updatedAt).toISOString() : null,
  };
}

/** The person's contacts, their name in the ledger, their group's robots and what the defaults give. */
export async function contactView(db: Db, personId: string): Promise<ContactView> {
  const [row, person, groupRobots] = await Promise.all([getContact(db, personId), getPerson(db, personId), groupRobotProviders(db, personId)]);
  return { ...contactBody(personId, row), name: person?.name ?? null, groupRobots, defaults: defaultChannels(row?.email, groupRobots) };
}

/** People of a loaded ledger, and people with an account, have contacts; nobody else does. */
export async function requireKnownPerson(db: Db, personId: string): Promise<void> {
  if (await getPerson(db, personId)) return;
  if ((await listAccounts(db)).some((a) => a.personId === personId)) return;
  throw new UserError(`找不到人员 ${personId}：台账和账号中都没有此编号`, 'NotFound');
}

/** The input checked by the contract's rules; throws UserError InvalidInput with the fields named. */
export function parseContact(input: unknown): ContactPatch {
  const parsed = ContactInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  return parsed.data;
}

export interface SavedContact {
  view: ContactView;
  /** The fields whose value changed: for the audit trail (names only, never values). */
  changed: ContactField[];
}

/**
 * Writes the given fields (absent ones are kept, null clears). Choosing email needs an address:
 * the rule is checked against the contacts as they will be after the change.
 */
export async function saveContact(db: Db, personId: string, input: unknown, now: number): Promise<SavedContact> {
  const { patch, before } = await checkContact(db, personId, input);
  await upsertContacts(db, [{ personId, ...patch }], new Date(now));
  const changed = CONTACT_FIELDS.filter((f) => patch[f] !== undefined && JSON.stringify(patch[f]) !== JSON.stringify(before?.[f] ?? null));
  return { view: await contactView(db, personId), changed };
}

/**
 * The input checked, including the rules that need what is stored: nothing is written. For callers
 * that must know a change will be accepted before doing something else (creating an account).
 */
export async function checkContact(db: Db, personId: string, input: unknown): Promise<{ patch: ContactPatch; before: ContactRow | null }> {
  const patch = parseContact(input);
  const before = await getContact(db, personId);
  const after = { ...EMPTY, ...before, ...definedOf(patch) };
  if (after.channels?.includes('email') && !after.email) {
    const message = '选择了电子邮件，请先填写邮箱';
    throw new UserError(message, 'InvalidInput', [{ path: 'channels', message }]);
  }
  return { patch, before };
}

const definedOf = (p: ContactPatch): Partial<ContactPatch> => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

/**
 * The contacts a ledger file carried (its people sheet, or its JSON people), checked already by
 * the reader. Returns how many people's contacts were created or changed.
 */
export async function saveLedgerContacts(db: Db, contacts: readonly ContactUpsert[], now = Date.now()): Promise<number> {
  return (await upsertContacts(db, contacts, new Date(now))).length;
}

/** Contacts of many people, by person id (people without any are absent). */
export async function contactsByPerson(db: Db, personIds: readonly string[]): Promise<Map<string, ContactRow>> {
  return new Map((await listContacts(db, personIds)).map((c) => [c.personId, c]));
}
