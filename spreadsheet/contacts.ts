// Contacts in a ledger file: the optional 邮箱/手机/企业微信/钉钉/飞书 columns of 人员, or `contact`
// on a JSON ledger's people. They travel beside the ledger, never inside it: the ledger's identity
// (its hash) stays the same when only contacts are added or changed, so loading it again updates them.
import { z } from 'zod';
import { type Channel, ContactSchema } from '../domain/contacts';
import { cellText, type Cell } from './cells';
import type { Issues, Where } from './issues';
import { CONTACT_COLUMNS, CONTACT_FIELD, type ContactColumn } from './layout';

/** One person's contacts as a file gives them: only the fields filled in (blank cells change nothing). */
export interface PersonContact {
  personId: string;
  email?: string | null;
  mobile?: string | null;
  wecomUserId?: string | null;
  dingtalkUserId?: string | null;
  feishuOpenId?: string | null;
  channels?: Channel[] | null;
}

export type ContactFields = Omit<PersonContact, 'personId'>;

/** A mobile number is often typed "138 0013 8000"; the rule is about the digits. */
const cleanMobile = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** The contact cells of one 人员 row, each checked by the domain's rule; errors name row and column. */
export function readContactCells(cell: (c: ContactColumn) => Cell | undefined, at: (c: ContactColumn) => Where, issues: Issues): ContactFields {
  const out: ContactFields = {};
  for (const column of CONTACT_COLUMNS) {
    const shown = cellText(cell(column));
    if (!shown) continue;
    const key = CONTACT_FIELD[column];
    const r = ContactSchema.shape[key].safeParse(key === 'mobile' ? cleanMobile(shown) : shown);
    if (r.success && typeof r.data === 'string') out[key] = r.data;
    else if (!r.success) issues.add(at(column), `${r.error.issues[0]?.message ?? '格式不正确'}："${shown}"`);
  }
  return out;
}

const JsonPeople = z.array(z.object({ id: z.unknown(), contact: z.unknown().optional() }).passthrough());

/**
 * `people[i].contact` of a JSON ledger (ContactSchema: email, mobile, wecomUserId, dingtalkUserId,
 * feishuOpenId, channels), by person id; errors are reported by their JSON path.
 */
export function contactsFromJson(raw: unknown, issues: Issues): PersonContact[] {
  const people = JsonPeople.safeParse((raw as { people?: unknown } | null)?.people);
  if (!people.success) return [];
  const out: PersonContact[] = [];
  people.data.forEach((p, i) => {
    if (p.contact === undefined || typeof p.id !== 'string') return;
    const contact = p.contact as { mobile?: unknown } | null;
    if (contact !== null && (typeof contact !== 'object' || Array.isArray(contact))) return void issues.add({}, `people.${i}.contact: 应为对象（email、mobile、wecomUserId、dingtalkUserId、feishuOpenId、channels）`);
    const cleaned = contact && typeof contact === 'object' && typeof contact.mobile === 'string' ? { ...contact, mobile: cleanMobile(contact.mobile) } : contact;
    const r = ContactSchema.strict('包含未知字段').safeParse(cleaned);
    if (!r.success) {
      for (const issue of r.error.issues) issues.add({}, `${['people', i, 'contact', ...issue.path].join('.')}: ${issue.message}`);
      return;
    }
    const given = Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)) as ContactFields;
    if (Object.keys(given).length) out.push({ personId: p.id.trim(), ...given });
  });
  return out;
}
