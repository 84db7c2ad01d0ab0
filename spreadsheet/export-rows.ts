// The live ledger as sheet rows, in the template's layout plus the export's extra columns.
import { shanghaiDate } from '../domain/dates';
import { OUTCOME_FIGURES } from '../domain/outcomes';
import { actionLabel, STATUS_LABEL, WARNING_LABEL } from '../domain/problem-types';
import { KIND_LABEL } from '../domain/schemas';
import type { CampaignRecord } from '../db/queries/get-campaign';
import type { ContactRow } from '../db/queries/get-contact';
import type { LedgerRow } from '../db/queries/ledger';
import type { MeasureRow } from '../db/queries/list-measures';
import type { Cell } from './cells';
import { Directory } from './directory';
import { CONTACT_COLUMNS, CONTACT_FIELD, DEPARTMENTS_LABEL, META_FIELDS, ROLE_LABEL } from './layout';
import { formatPolicyValue, POLICY_FIELDS, POLICY_KEYS } from './policy-fields';
import { rolesOf } from './read-people';
import { dateCell } from './write-book';

/** "认领 2025-01-06 09:00" (Shanghai time). */
function lastAction(p: LedgerRow): string {
  if (!p.lastAction) return '';
  const label = actionLabel(p.lastAction);
  if (!p.lastActionAt) return label;
  const time = new Date(p.lastActionAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${label} ${shanghaiDate(p.lastActionAt)} ${time}`;
}

export interface LedgerRowsInput {
  record: CampaignRecord;
  problems: readonly LedgerRow[];
  measures: readonly MeasureRow[];
}

/**
 * One row per measure (one for a problem without measures). The problem's columns repeat on
 * every row so a filter on any of them keeps whole problems; outcome figures are per measure so
 * a column sum is the campaign's total.
 */
export function ledgerRows(o: LedgerRowsInput): Cell[][] {
  const directory = new Directory(o.record.people.map(toPerson), o.record.departments);
  const aspects = new Map(o.record.aspects.map((a) => [a.no, a.title]));
  const byProblem = new Map<number, MeasureRow[]>();
  for (const m of o.measures) byProblem.set(m.problemNo, [...(byProblem.get(m.problemNo) ?? []), m]);
  const rows: Cell[][] = [];
  for (const p of o.problems) {
    const problem: Cell[] = [
      p.no, aspects.get(p.aspectNo) ?? String(p.aspectNo), p.title, p.description, KIND_LABEL[p.kind],
      directory.label(p.responsibleLeader), p.department, directory.label(p.owner), dateCell(p.originalDeadline ?? p.deadline),
    ];
    const status: Cell[] = [STATUS_LABEL[p.status], dateCell(p.deadline), WARNING_LABEL[p.warning]];
    const measures = byProblem.get(p.no) ?? [];
    if (!measures.length) rows.push([...problem, null, null, null, ...status, null, ...OUTCOME_FIGURES.map(() => null), lastAction(p)]);
    for (const m of measures) {
      rows.push([
        ...problem, m.text, directory.label(m.owner), dateCell(m.due), ...status, m.done ? '是' : '否',
        ...OUTCOME_FIGURES.map((f) => m[f.key]), lastAction(p),
      ]);
    }
  }
  return rows;
}

const toPerson = (p: CampaignRecord['people'][number]) => ({ id: p.id, name: p.name, ...(p.title ? { title: p.title } : {}), ...(p.department ? { department: p.department } : {}) });

/** 巡察信息 values by row label, for infoSpec. */
export function infoValues(record: CampaignRecord): (label: string) => Cell {
  const c = record.campaign;
  const values = new Map<string, Cell>(META_FIELDS.map((f) => [f.label, f.date ? dateCell(c[f.key]) : c[f.key]]));
  values.set(DEPARTMENTS_LABEL, record.departments.join('、'));
  for (const k of POLICY_KEYS) {
    const v = c.policy[k];
    if (v !== undefined) values.set(POLICY_FIELDS[k].label, formatPolicyValue(k, v));
  }
  return (label) => values.get(label) ?? null;
}

/**
 * 人员 rows: the leading group first (组长, 副组长, 办公室, 成员), then everyone else by id; with
 * each person's live contacts, so the file loads again with the same contacts.
 */
export function peopleRows(record: CampaignRecord, contacts: ReadonlyMap<string, ContactRow> = new Map()): Cell[][] {
  const group = record.campaign.leadingGroup;
  const order = new Map<string, number>();
  [group.head, ...group.deputies, ...group.office, ...group.members].forEach((id, i) => {
    if (!order.has(id)) order.set(id, i);
  });
  const people = [...record.people].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return people.map((p) => {
    const c = contacts.get(p.id);
    return [
      p.id, p.name, p.title ?? '', p.department ?? '', rolesOf(group, p.id).map((r) => ROLE_LABEL[r]).join('、'),
      ...CONTACT_COLUMNS.map((column) => c?.[CONTACT_FIELD[column]] ?? ''),
    ];
  });
}
