import { migratedPg, type TestDb } from './pg';

// PostgreSQL ending a connection while a transaction holds it between two statements (a restart,
// an administrator's pg_terminate_backend): the transaction fails and the pool goes on. Before,
// the checked-out client's 'error' event had no listener and crashed the process (seen in the
// postgres-stop fault on the cluster profile, in the middle of a campaign import).

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const uncaught: unknown[] = [];
const record = (e: unknown) => void uncaught.push(e);
beforeEach(() => process.on('uncaughtException', record));
afterEach(() => void process.off('uncaughtException', record));

test('a connection terminated mid-transaction fails that transaction only, and the next one works', async () => {
  const outcome = t.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
    // From another connection of the pool, the way an administrator or a shutdown ends it.
    await t.db.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    // Let the server's termination notice arrive while no statement of ours is running.
    await new Promise((r) => setTimeout(r, 300));
    await tx.query('select 1');
    return 'committed';
  });
  await expect(outcome).rejects.toThrow(/terminat|Connection terminated|connection/i);
  expect(uncaught).toEqual([]);
  // The broken connection was destroyed, not handed out again.
  const after = await t.db.transaction(async (tx) => (await tx.query<{ one: number }>('select 1 as one')).rows[0]!.one);
  expect(after).toBe(1);
}, 30_000);
