// Stand-alone reproduction of the update-ordering nondeterminism error, for the upstream report
// (../upstream-update-order.md). Needs only @temporalio/{client,worker,workflow,proto} and the
// `temporal` CLI (TEMPORAL_CLI=/path/to/temporal, else `temporal` on PATH):
//
//   npx tsx repro.ts [--no-second-update] [--query-deadline-ms N] [--out history.json]
//
// Nothing is random. The workflow worker runs in a child process so it can be SIGKILLed; the
// activity runs on an activities-only worker in this process, behind a gate this script opens.
//   1. update-1 is accepted; the workflow schedules an activity for it (held at the gate);
//   2. update-2 is accepted while the activity runs (--no-second-update leaves this out);
//   3. a second workflow worker is started and the first is SIGKILLed; the workflow is queried at
//      once. No workflow task is pending, so the server dispatches the query directly, to the dead
//      worker's sticky queue first; the activity is released meanwhile and completes, which
//      schedules a workflow task on that sticky queue. When the sticky query times out, the query
//      goes to the normal queue: the new worker answers it from a history that ends with the
//      activity's completion, and keeps the run in its cache with that completion applied;
//   4. update-3 is sent; the sticky workflow task times out (SCHEDULE_TO_START) and the new worker
//      takes the next one from the normal queue with update-3 in it. It works the activity's
//      completion (already applied) in one activation and update-3 in another, so its commands are
//      [ScheduleActivityTask, UpdateCompleted(update-1), UpdateAccepted(update-3)];
//   5. the history is replayed: core puts the ActivityTaskCompleted and update-3 in one activation,
//      the SDK accepts update-3 first, and replay fails with TMPRL1100.
// --query-deadline-ms gives the query a client deadline: shorter than the sticky timeout, the server
// gives up on it before sending it to the normal queue, and nothing is reproduced.
// Exit code 0 when the replay fails as described (the bug reproduced), 1 when it replays.
import { Client, Connection, WorkflowUpdateStage } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bump, writtenQuery, type Activities } from './workflow';

/** The workflow worker's sticky queue timeout: how long the query waits on the dead worker's queue. */
const STICKY_TIMEOUT_MS = 4_000;
/** The activity is released this long after the query is sent: inside the sticky wait, well before its end. */
const RELEASE_AFTER_MS = 1_500;

type Event = temporal.api.history.v1.IHistoryEvent;
const { EventType, TaskQueueKind, TimeoutType } = temporal.api.enums.v1;
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = () =>
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });

/** `worker ADDRESS QUEUE BUNDLE`: the child process, a workflow-only worker with a short sticky timeout. */
async function workerChild(address: string, taskQueue: string, bundleFile: string): Promise<void> {
  quiet();
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowBundle: { code: readFileSync(bundleFile, 'utf8') },
    stickyQueueScheduleToStartTimeout: STICKY_TIMEOUT_MS,
  });
  process.stdout.write('worker ready\n');
  await worker.run();
}

// servers/ports.ts has the same; this file imports nothing of rectify, so it can be handed on alone.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => (s.destroy(), resolve(false)));
  });

function spawnChild(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => void child.kill('SIGKILL'));
  return child;
}

async function startWorkflowWorker(address: string, taskQueue: string, bundleFile: string): Promise<ChildProcess> {
  // --import tsx runs the worker in this very child process, so SIGKILL reaches it.
  const child = spawnChild(process.execPath, ['--import', 'tsx', __filename, 'worker', address, taskQueue, bundleFile]);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited before it was ready (${code})`)));
  });
  return child;
}

/** The activity waits here while the gate is closed; `arrivals(n)` resolves once n attempts reached it. */
function gate() {
  let open = true;
  let arrived = 0;
  const waiting: (() => void)[] = [];
  const watchers: (() => void)[] = [];
  return {
    close: () => void (open = false),
    open: () => {
      open = true;
      for (const w of waiting.splice(0)) w();
    },
    async pass(): Promise<void> {
      arrived += 1;
      for (const w of watchers.splice(0)) w();
      if (!open) await new Promise<void>((r) => waiting.push(r));
    },
    async arrivals(n: number): Promise<void> {
      while (arrived < n) await new Promise<void>((r) => watchers.push(r));
    },
  };
}

const sdkVersion = () => (JSON.parse(readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }).version;

const typeOf = (e: Event) => String(EventType[e.eventType ?? 0]).replace('EVENT_TYPE_', '');
const describe = (e: Event): string => {
  const update = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ?? e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
  const queue = e.workflowTaskScheduledEventAttributes?.taskQueue?.kind;
  const timeout = e.workflowTaskTimedOutEventAttributes?.timeoutType;
  return [
    `${e.eventId} ${typeOf(e)}`,
    update ? ` (${update})` : '',
    queue ? ` (${queue === TaskQueueKind.TASK_QUEUE_KIND_STICKY ? 'sticky' : 'normal'} queue)` : '',
    timeout ? ` (${TimeoutType[timeout]})` : '',
  ].join('');
};

async function reproduce(o: { secondUpdate: boolean; queryDeadlineMs?: number; out?: string }): Promise<boolean> {
  quiet();
  const cli = process.env.TEMPORAL_CLI ?? 'temporal';
  const port = await freePort();
  const server = spawnChild(cli, ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error']);
  const address = `127.0.0.1:${port}`;
  while (!(await answers(port))) await sleep(100);
  const version = spawnSync(cli, ['--version'], { encoding: 'utf8' }).stdout.trim();
  log(`dev server: ${version} on ${address}; TypeScript SDK ${sdkVersion()}; Node ${process.version}`);

  const bundleFile = path.join(mkdtempSync(path.join(tmpdir(), 'update-order-')), 'bundle.js');
  writeFileSync(bundleFile, (await bundleWorkflowCode({ workflowsPath: require.resolve('./workflow'), logger: new DefaultLogger('ERROR') })).code);
  const taskQueue = 'update-order';
  const client = new Client({ connection: await Connection.connect({ address }) });

  const g = gate();
  const activities: Activities = { write: async (upTo) => (await g.pass(), upTo) };
  const activityWorker = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue, activities });
  const activityRun = activityWorker.run();

  let workflowWorker = await startWorkflowWorker(address, taskQueue, bundleFile);
  const handle = await client.workflow.start('writerLoop', { workflowId: 'writer-loop', taskQueue });
  const history = async () => (await handle.fetchHistory()).events ?? [];
  const count = async (type: number) => (await history()).filter((e) => e.eventType === type).length;
  const waitFor = async (what: string, pred: () => Promise<boolean>) => {
    for (const end = Date.now() + 30_000; !(await pred()); await sleep(100)) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  };
  const send = (updateId: string) => handle.startUpdate(bump, { updateId, waitForStage: WorkflowUpdateStage.ACCEPTED });

  g.close();
  const first = await send('update-1');
  await g.arrivals(1);
  log('1. update-1 accepted; its activity is running (held at the gate)');
  const second = o.secondUpdate ? await send('update-2') : undefined;
  if (second) log('2. update-2 accepted while the activity runs');
  const fresh = await startWorkflowWorker(address, taskQueue, bundleFile);
  workflowWorker.kill('SIGKILL');
  workflowWorker = fresh;
  const t0 = Date.now();
  const asked = () => handle.query(writtenQuery);
  const query = (o.queryDeadlineMs ? client.withDeadline(t0 + o.queryDeadlineMs, asked) : asked()).then(
    (v) => log(`   the query is answered after ${Date.now() - t0} ms: written = ${v} (the completion applied)`),
    (e: unknown) => log(`   the query failed after ${Date.now() - t0} ms: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`),
  );
  log('3. a second workflow worker started, the first SIGKILLed, the workflow queried at once');
  await sleep(RELEASE_AFTER_MS);
  g.open();
  await waitFor('the activity to complete', async () => (await count(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)) === 1);
  log(`   the activity released and completed after ${Date.now() - t0} ms: a workflow task waits on the dead sticky queue`);
  const third = send('update-3');
  third.catch(() => undefined);
  await query;
  await waitFor('the sticky workflow task to time out', async () => (await count(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)) === 1);
  log(`4. update-3 sent; the sticky workflow task timed out after ${Date.now() - t0} ms; the new worker takes the next one`);
  const results = await Promise.all([first.result(), second?.result(), (await third).result()]);
  log(`   the updates answered: ${results.filter((r) => r !== undefined).join(', ')}`);

  const full = await handle.fetchHistory();
  const events = full.events ?? [];
  const from = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) - 3;
  log('   the history from the activity completion on:');
  for (const e of events.slice(Math.max(0, from), from + 10)) log(`     ${describe(e)}`);
  if (o.out) writeFileSync(o.out, historyToJSON(full));

  let reproduced = false;
  try {
    await Worker.runReplayHistory({ workflowBundle: { codePath: bundleFile } }, full, 'writer-loop');
    log('5. replay: the history replays cleanly (not reproduced)');
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    log(`5. replay: ${e instanceof Error ? e.name : 'Error'}: ${/message: "([^"]+)"/.exec(m)?.[1] ?? m.split('\n')[0]}`);
    reproduced = /TMPRL1100|nondeterminism|UpdateMachine/i.test(m);
  }
  workflowWorker.kill('SIGKILL');
  activityWorker.shutdown();
  await activityRun;
  server.kill('SIGTERM');
  return reproduced;
}

if (require.main === module) {
  const [mode, ...rest] = process.argv.slice(2);
  const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const run =
    mode === 'worker'
      ? workerChild(rest[0]!, rest[1]!, rest[2]!).then(() => 0)
      : reproduce({
          secondUpdate: !process.argv.includes('--no-second-update'),
          queryDeadlineMs: option('--query-deadline-ms') ? Number(option('--query-deadline-ms')) : undefined,
          out: option('--out'),
        }).then((ok) => (ok ? 0 : 1));
  run.then(
    (code) => process.exit(code),
    (e: unknown) => {
      log(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(2);
    },
  );
}
