// PGlite behind a PostgreSQL socket for `npm start`, safe for several client connections.
//
// PGlite is one session. pglite-socket queues each protocol *message* and keeps a connection's
// turn only while a transaction is open. An extended-protocol query (Parse, Bind, Describe,
// Execute, Sync) is several messages, so two connections' queries interleave between Parse and
// Bind and one of them fails with "unnamed prepared statement does not exist". We hand the socket
// server a view of the database that also reports "in a transaction" from the first message of
// such a sequence until its Sync, so the queue keeps that connection's turn for the whole query.
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Message types that open or continue an extended-protocol sequence (ended by Sync, 'S'). */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);

export function sequencedDb(db: PGlite): PGlite {
  let midSequence = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'isInTransaction') return () => midSequence || target.isInTransaction();
      if (prop === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          const type = message[0];
          if (type !== undefined && EXTENDED.has(type)) midSequence = true;
          else if (type === SYNC || type === 'Q'.charCodeAt(0)) midSequence = false;
          return target.execProtocolRawStream(message, options);
        };
      }
      if (prop === 'exec') {
        // The socket server rolls back after a client leaves mid-transaction: its turn ends too.
        return (sql: string, opts?: Parameters<PGlite['exec']>[1]) => {
          midSequence = false;
          return target.exec(sql, opts);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function servePglite(db: PGlite, port: number, maxConnections = 16): Promise<PGLiteSocketServer> {
  const server = new PGLiteSocketServer({ db: sequencedDb(db), port, host: '127.0.0.1', maxConnections });
  await server.start();
  return server;
}
