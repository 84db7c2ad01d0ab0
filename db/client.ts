// One query interface over real PostgreSQL (a `pg` Pool) and embedded PGlite, so every query
// module runs unchanged on both and callers see identical rows.
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import { Pool, type PoolClient, TypeOverrides } from 'pg';

export interface Db {
  query<T extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** A transaction; calling it again on the handle it passes joins the same transaction. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pg' | 'pglite';
}

/** The PGlite instance stays reachable so `npm start` can serve it over a socket. */
export type PgliteDb = Db & { readonly raw: PGlite };

// Type OIDs (pg_type): the same numbers on both backends.
const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;
/** 'YYYY-MM-DD' as stored: a Date would shift with the process's time zone. */
const keepText = (s: string): string => s;
/** count(*)/sum() are int8 and money is numeric: our values are far below 2^53. */
const toNumber = (s: string): number => Number(s);

export function pgDb(url: string): Db {
  // Per pool, not pg.types globally: other code in the process may want pg's defaults.
  const types = new TypeOverrides();
  types.setTypeParser(OID.DATE, keepText);
  types.setTypeParser(OID.NUMERIC, toNumber);
  types.setTypeParser(OID.INT8, toNumber);
  const pool = new Pool({ connectionString: url, types });
  // An idle connection dropped by the server is discarded by the pool; the next query reconnects.
  // Without a listener the 'error' event would crash the worker.
  pool.on('error', () => undefined);
  return {
    kind: 'pg',
    query: async <T extends object>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as T[] }),
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A connection dropped between this transaction's statements (PostgreSQL stopped or restarted)
      // is reported as an 'error' event on the checked-out client, not as a failed query; the pool
      // listens only on idle clients, so without this listener the process would crash. The next
      // statement then fails, and the client is destroyed instead of returned to the pool.
      const onError = (err: Error) => (broken = err);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(pgClientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // A connection whose ROLLBACK fails is in an unknown state: destroy it rather than reuse it.
        await client.query('ROLLBACK').catch((err: unknown) => (broken = err instanceof Error ? err : new Error(String(err))));
        throw e;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function pgClientDb(client: PoolClient): Db {
  const tx: Db = {
    kind: 'pg',
    query: async <T extends object>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
    exec: async (sql) => void (await client.query(sql)),
    transaction: (fn) => fn(tx),
    close: () => Promise.reject(new Error('事务中的连接不能单独关闭 / cannot close a transaction handle')),
  };
  return tx;
}

/** PGlite in `dataDir`, or in memory when no directory is given. */
export async function pgliteDb(dataDir?: string): Promise<PgliteDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const raw = await PGlite.create({
    dataDir,
    parsers: { [pgliteTypes.DATE]: keepText, [pgliteTypes.NUMERIC]: toNumber, [pgliteTypes.INT8]: toNumber },
  });
  return {
    kind: 'pglite',
    raw,
    // PGlite is one connection: its query() waits for any open transaction, and its transaction()
    // runs one at a time, so concurrent callers are serialised rather than interleaved.
    query: async <T extends object>(sql: string, params?: unknown[]) => ({ rows: (await raw.query<T>(sql, params)).rows }),
    exec: async (sql) => void (await raw.exec(sql)),
    // Inside fn, use only `tx`: the outer handle would wait for this very transaction to end.
    transaction: (fn) => raw.transaction((t) => fn(pgliteTxDb(t))),
    close: () => raw.close(),
  };
}

function pgliteTxDb(t: Transaction): Db {
  const tx: Db = {
    kind: 'pglite',
    query: async <T extends object>(sql: string, params?: unknown[]) => ({ rows: (await t.query<T>(sql, params)).rows }),
    exec: async (sql) => void (await t.exec(sql)),
    transaction: (fn) => fn(tx),
    close: () => Promise.reject(new Error('事务中的连接不能单独关闭 / cannot close a transaction handle')),
  };
  return tx;
}
