// Who and which department a ledger cell names. People write names (钱科长) more often than ids
// (fin1), so both work; a name shared by two people must be written as the id.
import type { Person } from '../domain/schemas';

export type Resolved = { id: string } | { error: string };

export class Directory {
  private readonly byId: Map<string, Person>;
  private readonly byName = new Map<string, string[]>();
  private readonly departmentSet: Set<string>;

  /**
   * `lenient`: there is no people list to check against (it is missing, which is reported once),
   * so every name passes and the rest of the file is still checked.
   */
  constructor(
    readonly people: readonly Person[],
    readonly departments: readonly string[],
    private readonly lenient = false,
  ) {
    this.byId = new Map(people.map((p) => [p.id, p]));
    for (const p of people) this.byName.set(p.name, [...(this.byName.get(p.name) ?? []), p.id]);
    this.departmentSet = new Set(departments);
  }

  /** An id wins over a name: ids are unique, names need not be. */
  person(text: string): Resolved {
    if (this.lenient) return { id: text };
    if (this.byId.has(text)) return { id: text };
    const ids = this.byName.get(text) ?? [];
    if (ids.length === 1) return { id: ids[0]! };
    if (ids.length > 1) return { error: `姓名 "${text}" 对应多人（编号 ${ids.join('、')}），请填写编号` };
    return { error: `未知人员 "${text}"（「人员」表中没有此编号或姓名）` };
  }

  hasDepartment(name: string): boolean {
    return this.lenient || this.departmentSet.has(name);
  }

  /** What the export writes for a person: the name when it reads back as this person, else the id. */
  label(id: string): string {
    const person = this.byId.get(id);
    if (!person) return id;
    const r = this.person(person.name);
    return 'id' in r && r.id === id ? person.name : id;
  }
}

/** Departments in first-mention order, each once. */
export const uniqueDepartments = (...lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat().map((d) => d.trim()).filter(Boolean))];
