// Small helpers shared by the query modules.
import type { Db } from './client';

/** Rows per statement: far below PostgreSQL's 65 535 bind parameters for any of our tables. */
const CHUNK = 500;

/**
 * `insert into <table> (<columns>) values (…), (…) <suffix>` for many rows, in chunks; returns the
 * rows the statements returned (add a `returning` clause in `suffix` to get any).
 */
export async function insertRows<T extends object = Record<string, unknown>>(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  suffix = '',
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length) throw new Error(`insertRows(${table}): ${row.length} values for ${columns.length} columns`);
      return `(${row.map((v) => `$${params.push(v)}`).join(', ')})`;
    });
    const sql = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')} ${suffix}`;
    out.push(...(await db.query<T>(sql, params)).rows);
  }
  return out;
}

/** JSON parameters: pg would send a JS array as a PostgreSQL array, so stringify explicitly. */
export const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
