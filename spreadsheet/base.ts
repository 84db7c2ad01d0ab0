// The base: what a ledger file may not say itself (a csv holds only the 台账 sheet). It comes
// from a workbook's 巡察信息 and 人员 sheets or from a (partial) JSON ledger.
import { z } from 'zod';
import { DeadlinePolicySchema } from '../domain/policy';
import { AspectSchema, dateString, formatZodError, idString, LeadingGroupSchema, PersonSchema } from '../domain/schemas';
import type { LedgerBase } from './assemble';
import type { Sheet } from './cells';
import { contactsFromJson } from './contacts';
import { uniqueDepartments } from './directory';
import { Issues } from './issues';
import { META_FIELDS, SHEET } from './layout';
import { readInfo } from './read-info';
import { readPeople } from './read-people';

const text = z.string().trim().min(1, '不能为空');

/** Every field optional; each present one is checked as in a full ledger. Problems are not read. */
const BaseSchema = z
  .object({
    id: idString,
    name: text,
    organisation: text,
    inspectionTeam: text,
    inspectionStart: dateString,
    inspectionEnd: dateString,
    feedbackDate: dateString,
    concentratedPeriodEnd: dateString,
    leadingGroup: LeadingGroupSchema,
    people: z.array(PersonSchema),
    departments: z.array(text),
    policy: DeadlinePolicySchema.partial(),
    aspects: z.array(AspectSchema),
  })
  .partial();

export function baseFromJson(raw: unknown, issues: Issues): LedgerBase {
  const r = BaseSchema.safeParse(raw);
  const contacts = contactsFromJson(raw, issues);
  if (r.success) return { ...r.data, ...(contacts.length ? { contacts } : {}) };
  for (const line of formatZodError(r.error).split('\n')) issues.add({}, line);
  return {};
}

export function baseFromSheets(sheets: readonly Sheet[], issues: Issues): LedgerBase {
  const infoSheet = sheets.find((s) => s.name === SHEET.info);
  const peopleSheet = sheets.find((s) => s.name === SHEET.people);
  if (!infoSheet && !peopleSheet) {
    issues.add({}, `没有「${SHEET.info}」或「${SHEET.people}」工作表，提供不了基础信息`);
    return {};
  }
  const base: LedgerBase = {};
  const info = infoSheet && readInfo(infoSheet, issues);
  for (const f of META_FIELDS) {
    const v = info?.meta[f.key];
    if (v !== undefined) base[f.key] = v;
  }
  if (info) base.policy = info.policy;
  const people = peopleSheet && readPeople(peopleSheet, issues);
  if (people) {
    base.people = people.people;
    base.leadingGroup = people.leadingGroup;
    if (people.contacts.length) base.contacts = people.contacts;
  }
  const departments = uniqueDepartments(info?.departments ?? [], (people?.people ?? []).map((p) => p.department ?? ''));
  if (departments.length) base.departments = departments;
  return base;
}
