// The last check is the ledger schema itself; its findings are given back to the person as rows
// and columns of their file, not as JSON paths.
import type { z } from 'zod';
import type { Issues, Where } from './issues';
import { LedgerColumn, MetaKey, META_FIELDS, PeopleColumn, SHEET } from './layout';
import type { LedgerSheet } from './read-ledger';

export interface Locations {
  ledger: LedgerSheet['rows'];
  /** 人员 rows by person index; absent when the people came from the base. */
  people?: number[];
  /** 巡察信息 rows by key; absent when that sheet was not in the file. */
  info?: Partial<Record<MetaKey, number>>;
}

const PROBLEM_COLUMN: Readonly<Record<string, LedgerColumn>> = {
  no: '序号', aspect: '方面', title: '问题', description: '问题描述', kind: '整改类型',
  responsibleLeader: '责任领导', department: '责任科室', owner: '责任人', deadline: '整改时限',
};
const MEASURE_COLUMN: Readonly<Record<string, LedgerColumn>> = { text: '整改措施', owner: '措施责任人', due: '措施时限' };
const PERSON_COLUMN: Readonly<Record<string, PeopleColumn>> = { id: '编号', name: '姓名', title: '职务', department: '科室' };

function locate(path: readonly (string | number)[], loc: Locations): Where | undefined {
  const [top, i, field, j, sub] = path;
  if (top === 'problems' && typeof i === 'number') {
    const rows = loc.ledger[i];
    if (!rows) return undefined;
    if (field === 'measures' && typeof j === 'number') return { sheet: SHEET.ledger, row: rows.measures[j], column: MEASURE_COLUMN[String(sub)] };
    return { sheet: SHEET.ledger, row: rows.problem, column: PROBLEM_COLUMN[String(field)] };
  }
  if (top === 'people' && typeof i === 'number' && loc.people) return { sheet: SHEET.people, row: loc.people[i], column: PERSON_COLUMN[String(field)] };
  if (top === 'leadingGroup' && loc.people) return { sheet: SHEET.people, column: '角色' };
  const meta = META_FIELDS.find((f) => f.key === top);
  if (meta && loc.info) return { sheet: SHEET.info, row: loc.info[meta.key], column: meta.label };
  return undefined;
}

/** Adds each schema issue where it belongs; what came from the base is named by its path. */
export function addSchemaIssues(error: z.ZodError, loc: Locations, issues: Issues): void {
  for (const issue of error.issues) {
    const where = locate(issue.path, loc);
    issues.add(where ?? (issue.path.length ? { column: `基础信息 ${issue.path.join('.')}` } : {}), issue.message);
  }
}
