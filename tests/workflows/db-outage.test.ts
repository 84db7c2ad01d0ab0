import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addDays, shanghaiDate } from '../../domain/dates';
import { ACCEPTED_NOT_RECORDED, ACTION_LABEL } from '../../domain/problem-types';
import { sendAction } from '../../services/actions';
import { STATE_QUERY_DEADLINE_MS } from '../../services/problem-state';
import { createFreshDatabase, startThrowawayCluster, type ThrowawayCluster } from '../../servers/pg-cluster';
import { createDevServerEnv } from '../../servers/temporal-env';
import { createWorker } from '../../worker/create-worker';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/definitions';
import { workflowBundle } from '../support/bundle';
import { eventually, stateOf } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// PostgreSQL stopped in the middle of actions, on real servers: the workflow applies an action at
// once, and its sender hears so within the bounded wait ("accepted, the ledger is catching up"),
// never "failed"; when the database is back the ledger catches up within seconds and equals the
// workflow state. The last test also takes away the worker, so not even the workflow's state can be
// read for the answer (as while Temporal restarts): the sender still hears "accepted".

let cluster: ThrowawayCluster;
let h: Harness;
beforeAll(async () => {
  cluster = await startThrowawayCluster();
  const database = await createFreshDatabase(cluster.url);
  h = await Harness.start(await createDevServerEnv(SEARCH_ATTRIBUTE_KEYS), { url: database.url, close: cluster.stop });
}, 120_000);
afterAll(async () => h?.close());

const projected = (workflowId: string) =>
  h.db.query<{ version: number; status: string }>('select version, status from problems where workflow_id = $1', [workflowId]).then((r) => r.rows[0]);

test('an action during an outage is answered "accepted" within the wait, and the ledger catches up after it', async () => {
  const deadline = addDays(shanghaiDate(Date.now()), 30);
  const ledger = smallLedger({ id: uniqueId('outage'), problems: [{ no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline }] });
  const [handle] = await h.startProblems(ledger);
  await eventually(async () => expect((await projected(handle!.workflowId))?.version).toBe(0));

  // With the database up, the answer waits for the ledger: recorded.
  const done = await sendAction(h.client, ledger.id, 1, 'claim', { actor: 'fin1' });
  expect(done).toMatchObject({ status: 'planning', recorded: true });
  expect(await projected(handle!.workflowId)).toEqual({ version: done.version, status: 'planning' });

  await cluster.pause();
  const t0 = Date.now();
  const accepted = await sendAction(h.client, ledger.id, 1, 'planMeasures', { actor: 'fin1', measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }] }, { waitMs: 2_000 });
  const answeredIn = Date.now() - t0;
  expect(accepted).toMatchObject({ status: 'planning', recorded: false, summary: expect.stringContaining('措施') });
  expect(answeredIn).toBeLessThan(2_000 + 3_000);

  // The CLI says the same in one line and exits 0 (its wait is the default).
  const bin = path.resolve(__dirname, '../../bin/rectify.js');
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'submit-plan', '1', '-c', ledger.id, '--as', 'fin1'], {
    env: { ...process.env, TEMPORAL_ADDRESS: h.env.address, DATABASE_URL: 'postgresql://unused@127.0.0.1:1/unused', RECTIFY_TASK_QUEUE: h.taskQueue, RECTIFY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rectify-outage-')) },
    timeout: 60_000,
  });
  expect(stdout).toContain(ACCEPTED_NOT_RECORDED);
  const live = await stateOf(handle!);
  expect(live.status).toBe('plan_review');

  await new Promise((r) => setTimeout(r, 5_000));
  await cluster.resume();
  const back = Date.now();
  // Within seconds (the write retries at most 5 s apart), not a minute.
  await eventually(async () => expect(await projected(handle!.workflowId)).toEqual({ version: live.version, status: 'plan_review' }), 15_000);
  const caughtUpIn = Date.now() - back;
  expect(caughtUpIn).toBeLessThan(15_000);
  process.stdout.write(`db outage: accepted answer after ${answeredIn} ms (wait 2,000 ms); ledger caught up ${caughtUpIn} ms after PostgreSQL restarted\n`);
  const { rows } = await h.db.query<{ count: number }>('select count(*)::int as count from measures where campaign_id = $1', [ledger.id]);
  expect(rows[0]!.count).toBe(1);
}, 180_000);

test('an accepted action is answered "accepted" even when its state cannot be read for the answer', async () => {
  const deadline = addDays(shanghaiDate(Date.now()), 30);
  const ledger = smallLedger({ id: uniqueId('unasked'), problems: [{ no: 1, aspect: 1, title: '采购程序不规范', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline }] });
  const [handle] = await h.startProblems(ledger);
  await eventually(async () => expect((await projected(handle!.workflowId))?.version).toBe(0));

  // The ledger write cannot finish, so the update's result does not come within the wait.
  await cluster.pause();
  const waitMs = 3_000;
  const t0 = Date.now();
  let settled = false;
  const answer = sendAction(h.client, ledger.id, 1, 'claim', { actor: 'fin1' }, { waitMs }).finally(() => (settled = true));
  // Applied (the worker answers queries while the write retries); then no worker polls any more,
  // so the state query made after the wait is answered by nobody.
  await eventually(async () => expect((await stateOf(handle!)).status).toBe('planning'));
  expect(settled).toBe(false);
  h.worker.shutdown();
  const accepted = await answer;
  const answeredIn = Date.now() - t0;
  expect(accepted).toEqual({ summary: ACTION_LABEL.claim, recorded: false });
  expect(answeredIn).toBeLessThan(waitMs + STATE_QUERY_DEADLINE_MS + 3_000);

  // It did stand: with the database and a worker back, the ledger has it (and the update completes).
  await cluster.resume();
  const worker = await createWorker({ connection: h.env.nativeConnection, taskQueue: h.taskQueue, db: h.db, workflowBundle: workflowBundle() });
  const running = worker.run();
  try {
    await eventually(async () => expect(await projected(handle!.workflowId)).toEqual({ version: 1, status: 'planning' }), 30_000);
  } finally {
    worker.shutdown();
    await running;
  }
  process.stdout.write(`state unreadable: accepted answer after ${answeredIn} ms (wait ${waitMs} ms)\n`);
}, 120_000);
