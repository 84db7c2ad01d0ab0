// The 台账 sheet: one row per measure. A problem's first row carries its columns; its further
// rows repeat the 序号 (or leave it blank) and leave the problem columns blank or the same.
import type { MeasureInput, ProblemInput } from '../domain/schemas';
import { Cell, cellText, Sheet } from './cells';
import type { Directory } from './directory';
import { readTable } from './headers';
import type { Issues, Where } from './issues';
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
  const reader = new RowReader(issues, o.directory);
  let dataRows = 0;
  const total = table.rows.length;
  table.rows.forEach((row, i) => {
    const cell: CellOf = (c) => {
      const index = table.columns[c];
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    // Rows with only the export's extra columns filled (or nothing) are not ledger rows.
    if (LEDGER_COLUMNS.some((c) => cellText(cell(c)) !== '')) {
      dataRows += 1;
      reader.read(row.no, cell, (column) => ({ sheet: sheet.name, row: row.no, column }));
    }
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === total) o.onProgress?.(i + 1, total);
  });
  if (!dataRows) issues.add({ sheet: sheet.name }, '台账中没有问题：表头下面没有数据行');
  return build([...reader.drafts.values()], o.aspects ?? []);
}

type CellOf = (c: LedgerColumn) => Cell;
type At = (column: LedgerColumn) => Where;

/** Reads rows in order into problem drafts, reporting what is wrong as it goes. */
class RowReader {
  readonly drafts = new Map<number, Draft>();
  /**
   * The problem a following row without 序号 continues; 'orphan' after a row whose 序号 was
   * wrong (reported once, so its continuation rows are not reported again).
   */
  private current: Draft | 'orphan' | undefined;

  constructor(
    private readonly issues: Issues,
    private readonly directory: Directory,
  ) {}

  read(rowNo: number, cell: CellOf, at: At): void {
    const draft = this.draftOf(rowNo, cell, at);
    if (!draft) return;
    this.current = draft;
    const first = draft.row === rowNo;
    for (const column of PROBLEM_COLUMNS) this.problemCell(draft, first, column, cell(column), at(column));
    const kind = parseKind(valueOf(draft, '整改类型') ?? null);
    if (first && kind && kind !== 'long-term' && draft.cells['整改时限'] === 'blank') {
      this.issues.add(at('整改时限'), '立行立改和限期整改的问题必须填写整改时限');
    }
    this.measure(draft, rowNo, cell, at);
  }

  /** The problem this row belongs to: by its 序号, or the one above when 序号 is blank. */
  private draftOf(rowNo: number, cell: CellOf, at: At): Draft | undefined {
    const serialText = cellText(cell('序号'));
    if (!serialText) {
      if (this.current === 'orphan') return undefined;
      if (!this.current) return void this.issues.add(at('序号'), '不能为空');
      const title = cellText(cell('问题'));
      const currentTitle = this.current.cells['问题'];
      if (title && typeof currentTitle === 'object' && title !== currentTitle.value) {
        return void this.issues.add(at('序号'), `不能为空（只有同一问题的续行才能省略序号，本行的问题与第${this.current.row}行不同）`);
      }
      return this.current;
    }
    const no = parseSerial(cell('序号'));
    if (no === undefined) {
      this.current = 'orphan';
      return void this.issues.add(at('序号'), `"${serialText}" 不是正整数`);
    }
    const known = this.drafts.get(no);
    if (known) return known;
    const draft: Draft = { no, row: rowNo, cells: {}, measures: [], measureRows: [] };
    this.drafts.set(no, draft);
    return draft;
  }

  /** On the first row: the value. On further rows: blank, or the same value as the first row. */
  private problemCell(draft: Draft, first: boolean, column: ProblemColumn, value: Cell, where: Where): void {
    const text = cellText(value);
    if (!text) {
      if (first && REQUIRED_PROBLEM.includes(column)) this.issues.add(where, '不能为空');
      if (first) draft.cells[column] = 'blank';
      return;
    }
    const r = parseProblemCell(column, value, this.directory);
    if ('error' in r) this.issues.add(where, r.error);
    const firstCell = draft.cells[column];
    if (first) draft.cells[column] = 'error' in r ? 'invalid' : { value: r.value, shown: text };
    else if ('error' in r || firstCell === 'invalid') return;
    else if (firstCell === 'blank' || firstCell === undefined) this.issues.add(where, `"${text}" 与第${draft.row}行不一致（第${draft.row}行此列为空）`);
    else if (firstCell.value !== r.value) {
      this.issues.add(where, `"${text}" 与第${draft.row}行的 "${firstCell.shown}" 不一致（序号 ${draft.no} 的续行应留空或与第${draft.row}行相同）`);
    }
  }

  /** A measure's owner and due date default to the problem's 责任人 and 整改时限. */
  private measure(draft: Draft, rowNo: number, cell: CellOf, at: At): void {
    const text = cellText(cell('整改措施'));
    const ownerText = cellText(cell('措施责任人'));
    const dueText = cellText(cell('措施时限'));
    if (!text && !ownerText && !dueText) return;
    if (!text) return void this.issues.add(at('整改措施'), '不能为空（本行填写了措施责任人或措施时限）');
    let owner = valueOf(draft, '责任人');
    if (ownerText) {
      const r = this.directory.person(ownerText);
      if ('error' in r) this.issues.add(at('措施责任人'), r.error);
      owner = 'id' in r ? r.id : undefined;
    }
    let due = valueOf(draft, '整改时限');
    if (dueText) {
      due = parseDate(cell('措施时限'));
      if (!due) this.issues.add(at('措施时限'), `"${dueText}" 不是有效日期`);
    } else if (!due && draft.cells['整改时限'] === 'blank') {
      this.issues.add(at('措施时限'), '不能为空（问题没有整改时限可沿用）');
    }
    // Without an owner or date the error is reported (here or on the problem's first row).
    if (owner && due) {
      draft.measures.push({ text, owner, due });
      draft.measureRows.push(rowNo);
    }
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
