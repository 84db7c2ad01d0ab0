// Several `pg` connections at once against PGlite served over a socket, as `npm start` serves it.
// Usage: tsx tests/db/pglite-socket-child.ts <sequenced|plain> <out.json>
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { servePglite } from '../../db/pglite-socket';

const CONNECTIONS = 6;
const ROUNDS = 60;

async function load(port: number): Promise<{ errors: string[]; wrong: number; committed: number }> {
  const errors: string[] = [];
  let wrong = 0;
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ssl: false });
      // A protocol mix-up also arrives as an 'error' event; count it rather than crash.
      c.on('error', (e) => errors.push(e.message));
      await c.connect();
      return c;
    }),
  );
  await Promise.all(
    clients.map(async (c, n) => {
      for (let i = 0; i < ROUNDS; i++) {
        try {
          // Parameterised: the extended protocol, several messages per query.
          const { rows } = await c.query<{ v: number }>('select $1::int * 2 as v', [n * 1000 + i]);
          if (rows[0]?.v !== (n * 1000 + i) * 2) wrong++;
          if (i % 10 === 0) {
            await c.query('begin');
            await c.query('insert into t (who, k) values ($1, $2)', [n, i]);
            await c.query('commit');
          }
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
          await c.query('rollback').catch(() => undefined);
        }
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  const check = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ssl: false });
  await check.connect();
  const { rows } = await check.query<{ n: string }>('select count(*) as n from t');
  await check.end();
  return { errors, wrong, committed: Number(rows[0]?.n ?? 0) };
}

async function main(): Promise<void> {
  const [mode, out] = process.argv.slice(2);
  if (!out || (mode !== 'sequenced' && mode !== 'plain')) throw new Error('usage: <sequenced|plain> <out.json>');
  const db = await PGlite.create();
  await db.exec('create table t (who int not null, k int not null)');
  const server =
    mode === 'sequenced' ? await servePglite(db, 0) : new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 });
  if (mode === 'plain') await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  try {
    const result = await load(port);
    writeFileSync(out, JSON.stringify({ ...result, errors: result.errors.slice(0, 5), errorCount: result.errors.length }));
  } finally {
    await server.stop();
    await db.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
