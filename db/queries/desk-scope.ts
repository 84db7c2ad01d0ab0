// What the desk's read models (my-tasks, overview, supervision, notifications) share: the reader's
// remit as SQL, and lists that are capped but say how many rows there were.
import type { LedgerScope } from '../../domain/permissions';

export type { LedgerScope };

/** Rows a desk list shows at most; the page says "N more" and links to the filtered ledger. */
export const DESK_LIST_CAP = 200;

/** A capped list: at most the cap of `items`, and `total` rows before the cap. */
export interface Capped<T> {
  items: T[];
  total: number;
}

export interface PersonName {
  id: string;
  name: string;
}

/** Bind parameters numbered in the order they are added. */
export class Binds {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** `and …` narrowing problem alias `p` to the reader's remit (nothing for `all`). */
export function scopeSql(scope: LedgerScope, b: Binds, alias = 'p'): string {
  switch (scope.kind) {
    case 'all':
      return '';
    case 'department':
      return ` and ${alias}.department = ${b.add(scope.department)}`;
    case 'leader':
      return ` and ${alias}.responsible_leader = ${b.add(scope.personId)}`;
  }
}

/** Splits rows carrying `total` (count(*) over ()) into a capped list. */
export function capped<T extends { total: number }>(rows: T[]): Capped<Omit<T, 'total'>> {
  return { items: rows.map(({ total: _t, ...rest }) => rest), total: rows[0]?.total ?? 0 };
}

/** The cap as a positive integer, whatever the caller passed. */
export const capOf = (limit: number | undefined): number => Math.max(1, Math.min(DESK_LIST_CAP * 5, Math.trunc(limit ?? DESK_LIST_CAP)));
