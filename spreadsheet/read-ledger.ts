// The 台账 sheet: one row per measure. A problem's first row carries its columns; its further
// rows repeat the 序号 (or leave it blank) and leave the problem columns blank or the same.
import type { MeasureInput, ProblemInput } from '../domain/schemas';
import { Cell, cellText, Row, Sheet } from './cells';
import type { Directory } from './directory';
import { readTable } from './headers';
import type { Issues } from './issues';
import { LEDGER_ALIASES, LEDGER_COLUMNS, LedgerColumn, PROBLEM_COLUMNS, ProblemColumn, REQUIRED_LEDGER_COLUMNS } from './layout';
import { parseProblemCell } from './problem-cells';
import { parseDate, parseKind, parseSerial } from './values';

export interface Aspect {
  no: number;
  title: string;
}

export interface LedgerSheet {
  aspects: Aspect[];
  problems: ProblemInput[];
  /** Sheet rows of each problem (its first row) and of its measures, by index in `problems`. */
  rows: { problem: number; measures: number[] }[];
}

export interface LedgerSheetOptions {
  directory: Directory;
  /** Aspects numbered beforehand (the base's): their titles keep their numbers. */
  aspects?: readonly Aspect[];
  onProgress?(done: number, total: number): void;
}

/** A problem column as its first row gave it. */
type FirstCell = { value: string; shown: string } | 'blank' | 'invalid';

interface Draft {
  no: number;
  row: number;
  cells: Partial<Record<ProblemColumn, FirstCell>>;
  measures: MeasureInput[];
  measureRows: number[];
}

const REQUIRED_PROBLEM: readonly ProblemColumn[] = ['方面', '问题', '整改类型', '责任领导', '责任科室', '责任人'];
const PROGRESS_EVERY = 500;

const valueOf = (d: Draft, c: ProblemColumn): string | undefined => {
  const v = d.cells[c];
  return typeof v === 'object' ? v.value : undefined;
};

export function readLedgerSheet(sheet: Sheet, issues: Issues, o: LedgerSheetOptions): LedgerSheet | undefined {
  const table = readTable<LedgerColumn>(sheet, LEDGER_COLUMNS, REQUIRED_LEDGER_COLUMNS, issues, LEDGER_ALIASES);
  if (!table) return undefined;
  const drafts = new Map<number, Draft>();
  let current: Draft | undefined;
  let dataRows = 0;
  const total = table.rows.length;
  table.rows.forEach((row, i) => {
    const cell = (c: LedgerColumn): Cell => {
      const index = table.columns[c];
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    const at: At = (column) => ({ sheet: sheet.name, row: row.no, column });
    // Rows with only the export's extra columns filled (or nothing) are not ledger rows.
    if (LEDGER_COLUMNS.some((c) => cellText(cell(c)) !== '')) {
      dataRows += 1;
      current = readRow(row, cell, at, drafts, current, issues, o.directory);
    }
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === total) o.onProgress?.(i + 1, total);
  });
  if (!dataRows) issues.add({ sheet: sheet.name }, '台账中没有问题：表头下面没有数据行');
  return build([...drafts.values()], o.aspects ?? []);
}

type At = (column: LedgerColumn) => { sheet: string; row: number; column: string };

/** Reads one row into its problem's draft; returns the draft a following row without 序号 continues. */
function readRow(row: Row, cell: (c: LedgerColumn) => Cell, at: At, drafts: Map<number, Draft>, current: Draft | undefined, issues: Issues, directory: Directory): Draft | undefined {
  const serialText = cellText(cell('序号'));
  let draft: Draft;
  if (!serialText) {
    if (!current) return void issues.add(at('序号'), '不能为空');
    const title = cellText(cell('问题'));
    const currentTitle = current.cells['问题'];
    if (title && typeof currentTitle === 'object' && title !== currentTitle.value) {
      return void issues.add(at('序号'), `不能为空（只有同一问题的续行才能省略序号，本行的问题与第${current.row}行不同）`);
    }
    draft = current;
  } else {
    const no = parseSerial(cell('序号'));
    if (no === undefined) return void issues.add(at('序号'), `"${serialText}" 不是正整数`);
    const known = drafts.get(no);
    draft = known ?? { no, row: row.no, cells: {}, measures: [], measureRows: [] };
    if (!known) drafts.set(no, draft);
  }
  const first = draft.row === row.no;
  for (const column of PROBLEM_COLUMNS) {
    const text = cellText(cell(column));
    if (first && !text && REQUIRED_PROBLEM.includes(column)) issues.add(at(column), '不能为空');
    if (!text) {
      if (first) draft.cells[column] = 'blank';
      continue;
    }
    const r = parseProblemCell(column, cell(column), directory);
    if ('error' in r) issues.add(at(column), r.error);
    const firstCell = draft.cells[column];
    if (first) draft.cells[column] = 'error' in r ? 'invalid' : { value: r.value, shown: text };
    else if ('error' in r || firstCell === 'invalid') continue;
    else if (firstCell === 'blank' || firstCell === undefined) issues.add(at(column), `"${text}" 与第${draft.row}行不一致（第${draft.row}行此列为空）`);
    else if (firstCell.value !== r.value) {
      issues.add(at(column), `"${text}" 与第${draft.row}行的 "${firstCell.shown}" 不一致（序号 ${draft.no} 的续行应留空或与第${draft.row}行相同）`);
    }
  }
  const kind = parseKind(valueOf(draft, '整改类型') ?? null);
  if (first && kind && kind !== 'long-term' && draft.cells['整改时限'] === 'blank') {
    issues.add(at('整改时限'), '立行立改和限期整改的问题必须填写整改时限');
  }
  readMeasure(draft, row.no, cell, at, issues, directory);
  return draft;
}

/** A measure's owner and due date default to the problem's 责任人 and 整改时限. */
function readMeasure(draft: Draft, rowNo: number, cell: (c: LedgerColumn) => Cell, at: At, issues: Issues, directory: Directory): void {
  const text = cellText(cell('整改措施'));
  const ownerText = cellText(cell('措施责任人'));
  const dueText = cellText(cell('措施时限'));
  if (!text && !ownerText && !dueText) return;
  if (!text) return void issues.add(at('整改措施'), '不能为空（本行填写了措施责任人或措施时限）');
  let owner = valueOf(draft, '责任人');
  if (ownerText) {
    const r = directory.person(ownerText);
    if ('error' in r) issues.add(at('措施责任人'), r.error);
    owner = 'id' in r ? r.id : undefined;
  }
  let due = valueOf(draft, '整改时限');
  if (dueText) {
    due = parseDate(cell('措施时限'));
    if (!due) issues.add(at('措施时限'), `"${dueText}" 不是有效日期`);
  } else if (!due && draft.cells['整改时限'] === 'blank') {
    issues.add(at('措施时限'), '不能为空（问题没有整改时限可沿用）');
  }
  if (owner && due) {
    draft.measures.push({ text, owner, due });
    draft.measureRows.push(rowNo);
  }
}

/** Aspects are numbered in order of first mention, after those numbered beforehand. */
function build(drafts: Draft[], seeded: readonly Aspect[]): LedgerSheet {
  const numbers = new Map(seeded.map((a) => [a.title, a.no]));
  let next = Math.max(0, ...seeded.map((a) => a.no)) + 1;
  const problems: ProblemInput[] = [];
  const rows: LedgerSheet['rows'] = [];
  for (const d of drafts) {
    const aspectTitle = valueOf(d, '方面');
    if (aspectTitle !== undefined && !numbers.has(aspectTitle)) numbers.set(aspectTitle, next++);
    const [title, kind, leader, department, owner] = [valueOf(d, '问题'), parseKind(valueOf(d, '整改类型') ?? null), valueOf(d, '责任领导'), valueOf(d, '责任科室'), valueOf(d, '责任人')];
    const aspect = aspectTitle === undefined ? undefined : numbers.get(aspectTitle);
    // An incomplete draft has had its errors reported; the caller throws before using the result.
    if (!aspect || !title || !kind || !leader || !department || !owner) continue;
    const deadline = valueOf(d, '整改时限');
    problems.push({
      no: d.no, aspect, title, description: valueOf(d, '问题描述') ?? '', kind, responsibleLeader: leader, department, owner,
      ...(deadline ? { deadline } : {}),
      measures: d.measures,
    });
    rows.push({ problem: d.row, measures: d.measureRows });
  }
  const aspects = [...numbers].map(([title, no]) => ({ no, title })).sort((a, b) => a.no - b.no);
  return { aspects, problems, rows };
}
