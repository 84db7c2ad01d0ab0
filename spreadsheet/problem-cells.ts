// One problem column's cell → the value the ledger stores, or the message for the person.
import { Cell, cellText } from './cells';
import type { Directory } from './directory';
import type { ProblemColumn } from './layout';
import { KIND_LABELS } from './layout';
import { aspectTitle, parseDate, parseKind } from './values';

/** `value` is what two rows of one problem must agree on (ids, not names; ISO dates, kind codes). */
export type CellResult = { value: string } | { error: string };

export function parseProblemCell(column: ProblemColumn, cell: Cell, directory: Directory): CellResult {
  const text = cellText(cell);
  switch (column) {
    case '方面': {
      const title = aspectTitle(cell);
      return title ? { value: title } : { error: `"${text}" 只有编号，没有方面名称` };
    }
    case '问题':
    case '问题描述':
      return { value: text };
    case '整改类型': {
      const kind = parseKind(cell);
      return kind ? { value: kind } : { error: `"${text}" 不是有效的整改类型（应为 ${KIND_LABELS.join('、')}）` };
    }
    case '责任领导':
    case '责任人': {
      const person = directory.person(text);
      return 'id' in person ? { value: person.id } : person;
    }
    case '责任科室':
      return directory.hasDepartment(text) ? { value: text } : { error: `未知科室 "${text}"（「人员」表和「巡察信息」中都没有这个科室）` };
    case '整改时限': {
      const date = parseDate(cell);
      return date ? { value: date } : { error: `"${text}" 不是有效日期` };
    }
  }
}
