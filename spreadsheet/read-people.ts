// The 人员 sheet: the people of the campaign and, through 角色, the leading group.
import { idString, LeadingGroup, Person } from '../domain/schemas';
import { cellText, fold, Row, Sheet } from './cells';
import { type ContactFields, type PersonContact, readContactCells } from './contacts';
import { readTable } from './headers';
import type { Issues } from './issues';
import { PEOPLE_ALIASES, PEOPLE_COLUMNS, PeopleColumn, Role, ROLE_ALIASES, ROLE_GROUP, ROLE_LABEL, ROLES, SHEET } from './layout';
import { splitList } from './values';

export interface PeopleSheet {
  people: Person[];
  leadingGroup: LeadingGroup;
  /** The sheet row of each person, by index in `people`. */
  rows: number[];
  /** The contact cells filled in, per person (people with none are absent). */
  contacts: PersonContact[];
}

const ROLE_CHOICES = `${ROLES.map((r) => ROLE_LABEL[r]).join('、')} 或留空`;

/** Undefined when the sheet cannot be read at all (no people, or a required column missing). */
export function readPeople(sheet: Sheet, issues: Issues): PeopleSheet | undefined {
  const table = readTable<PeopleColumn>(sheet, PEOPLE_COLUMNS, ['姓名'], issues, PEOPLE_ALIASES);
  if (!table) return undefined;
  // Said once: without people every name in the ledger would be reported as unknown.
  if (!table.rows.length) return void issues.add({ sheet: SHEET.people }, '没有填写任何人员');
  const text = (row: Row, c: PeopleColumn): string => {
    const i = table.columns[c];
    return i === undefined ? '' : cellText(row.cells[i]);
  };
  const people: Person[] = [];
  const rows: number[] = [];
  const contactFields: ContactFields[] = [];
  const idRow = new Map<string, number>();
  const withoutId: number[] = [];
  const roles: Record<Role, { index: number; row: number }[]> = { head: [], deputy: [], office: [], member: [] };

  for (const row of table.rows) {
    const at = (column: PeopleColumn) => ({ sheet: SHEET.people, row: row.no, column });
    const name = text(row, '姓名');
    if (!name) {
      issues.add(at('姓名'), '不能为空');
      continue;
    }
    const id = text(row, '编号');
    if (id && !idString.safeParse(id).success) issues.add(at('编号'), `"${id}" 不是有效编号：只能包含字母、数字、点、下划线和连字符，最长 64 位`);
    else if (id && idRow.has(id)) issues.add(at('编号'), `"${id}" 重复（第${idRow.get(id)}行已使用）`);
    if (id) idRow.set(id, idRow.get(id) ?? row.no);
    else withoutId.push(people.length);
    const index = people.length;
    for (const label of splitList(text(row, '角色').replace(/[/／\s]+/g, '、'))) {
      const role = ROLE_ALIASES[fold(label)];
      if (role) roles[role].push({ index, row: row.no });
      else issues.add(at('角色'), `"${label}" 不是有效角色（应为 ${ROLE_CHOICES}）`);
    }
    const title = text(row, '职务');
    const department = text(row, '科室');
    people.push({ id, name, ...(title ? { title } : {}), ...(department ? { department } : {}) });
    rows.push(row.no);
    contactFields.push(readContactCells((c) => (table.columns[c] === undefined ? null : row.cells[table.columns[c]!]), at, issues));
  }

  // People without 编号 are referred to by name; they still need an id, so one is made from the row.
  for (const index of withoutId) {
    let id = `p${rows[index]}`;
    while (idRow.has(id)) id += 'x';
    idRow.set(id, rows[index]!);
    people[index]!.id = id;
  }

  const [head, ...extraHeads] = roles.head;
  if (!head) issues.add({ sheet: SHEET.people, column: '角色' }, '没有组长：请在一人的角色中填写「组长」');
  for (const h of extraHeads) issues.add({ sheet: SHEET.people, row: h.row, column: '角色' }, `组长只能有一名（第${head!.row}行已是组长）`);
  if (!roles.office.length) issues.add({ sheet: SHEET.people, column: '角色' }, '没有领导小组办公室人员：请至少在一人的角色中填写「办公室」');
  const ids = (r: Role) => roles[r].map((x) => people[x.index]!.id);
  const leadingGroup: LeadingGroup = { head: head ? people[head.index]!.id : '', deputies: ids('deputy'), office: ids('office'), members: ids('member') };
  const contacts = contactFields.flatMap((c, i) => (Object.keys(c).length ? [{ personId: people[i]!.id, ...c }] : []));
  return { people, leadingGroup, rows, contacts };
}

/** Each person's roles in the group, for the export's 角色 column. */
export function rolesOf(group: LeadingGroup, id: string): Role[] {
  return ROLES.filter((r) => {
    const v = group[ROLE_GROUP[r]];
    return Array.isArray(v) ? v.includes(id) : v === id;
  });
}
