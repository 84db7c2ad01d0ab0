// Every problem found in a file, collected so the person fixes them all in one pass instead of
// one per import attempt.
import { UserError } from '../domain/errors';
import { SHEET } from './layout';

export interface Where {
  /** Omitted for the ledger sheet: most messages are about it, and people know it as "the file". */
  sheet?: string;
  row?: number;
  column?: string;
}

/** More lines than this help nobody: the first ones show what is wrong with the file. */
export const MAX_LINES = 200;

export function describe(where: Where, message: string): string {
  const sheet = where.sheet && where.sheet !== SHEET.ledger ? `「${where.sheet}」` : '';
  const row = where.row === undefined ? '' : `第${where.row}行 `;
  const column = where.column ? `${where.column}: ` : '';
  return `${sheet}${row}${column}${message}`.trim();
}

export class Issues {
  readonly lines: string[] = [];

  add(where: Where, message: string): void {
    this.lines.push(describe(where, message));
  }

  get count(): number {
    return this.lines.length;
  }

  /** Nothing is imported when anything is wrong: the caller gets no ledger at all. */
  throwIfAny(file: string): void {
    if (!this.lines.length) return;
    const shown = this.lines.slice(0, MAX_LINES);
    const more = this.lines.length - shown.length;
    throw new UserError(
      [`无法导入 ${file}：有 ${this.lines.length} 处错误，未导入任何数据`, ...shown, ...(more > 0 ? [`另有 ${more} 处错误`] : [])].join('\n'),
    );
  }
}

/** A problem with the file as a whole (empty, too big, not a spreadsheet): nothing else to check. */
export const fileError = (file: string, message: string): UserError => new UserError(`无法导入 ${file}：${message}`);
