// The 巡察信息 sheet: key/value rows (项目 | 内容). Keys are found wherever they are, so people
// may reorder rows or add their own notes between them.
import type { DeadlinePolicy } from '../domain/policy';
import { idString } from '../domain/schemas';
import { Cell, cellText, fold, Sheet } from './cells';
import type { Issues } from './issues';
import { DEPARTMENTS_LABEL, META_FIELDS, MetaKey, SHEET } from './layout';
import { parsePolicyValue, POLICY_FIELDS, POLICY_KEYS } from './policy-fields';
import { parseDate, splitList } from './values';

export interface InfoSheet {
  meta: Partial<Record<MetaKey, string>>;
  /** Departments listed in the 科室 row. */
  departments: string[];
  policy: Partial<DeadlinePolicy>;
  /** The row of each key that was present (perhaps blank), for messages about it later. */
  rows: Partial<Record<MetaKey, number>>;
  /** Keys whose value was wrong: reported already, so not reported again as missing. */
  invalid: Set<MetaKey>;
}

type Key = { meta: MetaKey } | { policy: keyof DeadlinePolicy } | { departments: true };

const KEYS = new Map<string, Key>([
  ...META_FIELDS.map((f): [string, Key] => [fold(f.label), { meta: f.key }]),
  ...POLICY_KEYS.map((k): [string, Key] => [fold(POLICY_FIELDS[k].label), { policy: k }]),
  [fold(DEPARTMENTS_LABEL), { departments: true }],
]);

const LABEL = new Map<MetaKey, string>(META_FIELDS.map((f) => [f.key, f.label]));
export const metaLabel = (key: MetaKey): string => LABEL.get(key) ?? key;

export function readInfo(sheet: Sheet, issues: Issues): InfoSheet {
  const info: InfoSheet = { meta: {}, departments: [], policy: {}, rows: {}, invalid: new Set() };
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    const label = cellText(row.cells[0]);
    const key = KEYS.get(fold(label));
    if (!key) continue;
    const where = { sheet: SHEET.info, row: row.no, column: label };
    const earlier = seen.get(fold(label));
    if (earlier !== undefined) {
      issues.add(where, `重复（第${earlier}行已有此项）`);
      continue;
    }
    seen.set(fold(label), row.no);
    const cell = row.cells[1] ?? null;
    const text = cellText(cell);
    if ('meta' in key) info.rows[key.meta] = row.no;
    if (!text) continue;
    if ('departments' in key) info.departments = splitList(text);
    else if ('policy' in key) {
      const error = parsePolicyValue(key.policy, text, info.policy);
      if (error) issues.add(where, error);
    } else {
      const r = metaValue(key.meta, cell);
      if ('error' in r) {
        issues.add(where, r.error);
        info.invalid.add(key.meta);
      } else info.meta[key.meta] = r.value;
    }
  }
  return info;
}

function metaValue(key: MetaKey, cell: Cell): { value: string } | { error: string } {
  const text = cellText(cell);
  if (key === 'id') {
    return idString.safeParse(text).success ? { value: text } : { error: `"${text}" 不是有效编号：只能包含字母、数字、点、下划线和连字符，最长 64 位` };
  }
  if (!META_FIELDS.find((f) => f.key === key)?.date) return { value: text };
  const date = parseDate(cell);
  return date ? { value: date } : { error: `"${text}" 不是有效日期` };
}
