// The frame the load-based fault scripts share: servers up, one worker process, the 500-problem
// load, the fault injected alongside it, then verification and the RELIABILITY.md section.
import { verifyCampaign } from './check';
import { faultLedger, startLoad, type Load } from './load';
import { finish, keepEvidence, secs } from './report';
import { openWorld, say, type World, type WorkerProcess } from './world';

export interface FaultContext {
  world: World;
  load: Load;
  /** The worker process now running; a fault that replaces it sets it here. */
  worker: WorkerProcess;
  /** Resolves once `share` of the load is done (false if the load ended first). */
  reach(share: number): Promise<boolean>;
  loadDone(): boolean;
  /** Records that the fault did not happen as intended (the run then fails). */
  fail(reason: string): void;
}

export interface Scenario {
  name: string;
  problems: number;
  /** Drive every n-th problem through the actions (default 2: 250 of 500). */
  everyNth?: number;
  /** Injects the fault during the load; returns the lines that describe what it did, measured. */
  fault(ctx: FaultContext): Promise<string[]>;
  /**
   * Runs once the load has ended, before the verification (worker-sigkill: its last repair pass);
   * returns the lines that describe what it did. The verification then counts what is left.
   */
  afterLoad?(ctx: FaultContext): Promise<string[]>;
  settleMs?: number;
}

export async function runScenario(s: Scenario, ledgerId: string): Promise<void> {
  const world = await openWorld(s.name);
  try {
    const failures: string[] = [];
    const ctx = { world, worker: await world.startWorker(), fail: (reason: string) => void failures.push(reason) } as FaultContext;
    const ledger = faultLedger(ledgerId, s.problems);
    const everyNth = s.everyNth ?? 2;
    const load = startLoad(world.client, world.db, ledger, { taskQueue: world.taskQueue, everyNth, log: say });
    let ended = false;
    const finished = load.done.finally(() => (ended = true));
    ctx.load = load;
    ctx.loadDone = () => ended;
    ctx.reach = async (share) => {
      while (!ended && load.progress() < share * load.total) await new Promise((r) => setTimeout(r, 50));
      return !ended;
    };
    const [faultLines, r] = await Promise.all([s.fault(ctx), finished]);
    say(`[${s.name}] 负载结束，用时 ${secs(r.ms)}`);
    const afterLines = s.afterLoad ? await s.afterLoad(ctx) : [];
    say(`[${s.name}] 开始核对`);
    const t = Date.now();
    const v = await verifyCampaign(world.client, world.db, [ledger.id], { acks: r.acks, settleMs: s.settleMs ?? 120_000, log: say });
    for (const x of r.refused.slice(0, 10)) say(`[${s.name}] refused: ${x}`);
    for (const x of r.gaveUp.slice(0, 10)) say(`[${s.name}] gave up: ${x}`);
    for (const [k, n] of Object.entries(r.errorKinds)) say(`[${s.name}] ${n}× ${k}`);
    const evidence = await keepEvidence(world.client, s.name, v);
    finish(s.name, v, [
      `- ${s.problems} problems (synthetic ledger, 10 departments); load: the campaign import and, alongside it, ${everyNth === 1 ? 'every problem' : `one problem in ${everyNth}`} driven claim → planMeasures → submitPlan → decidePlan by 24 concurrent senders (${load.total} units of work: starts + actions)`,
      ...faultLines,
      `- whole load ${secs(r.ms)} (import ${secs(r.startMs)}, import retried ${r.importRetries}×)`,
      `- actions acknowledged: ${r.acks.length} (${r.acceptedNotRecorded} as "accepted, ledger catching up"); applied without an answer (found in history): ${r.appliedUnacknowledged}; sends retried after an error or timeout: ${r.transportErrors}; refused by a workflow: ${r.refused.length}; given up after 3 minutes of retrying: ${r.gaveUp.length}`,
      ...(Object.keys(r.errorKinds).length ? [`- errors the senders and their state reads met (most frequent first): ${Object.entries(r.errorKinds).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${n}× \`${k.slice(0, 160)}\``).join('; ')}`] : []),
      ...afterLines,
      `- verification after the load: ${secs(Date.now() - t)}`,
      ...evidence,
    ], [
      ...failures,
      ...(r.refused.length ? [`${r.refused.length} actions refused by the workflows`] : []),
      ...(r.gaveUp.length ? [`${r.gaveUp.length} actions still failing after 3 minutes: ${r.gaveUp.slice(0, 3).join('; ')}`] : []),
    ]);
  } finally {
    await world.close();
  }
}

export function main(run: () => Promise<void>, name: string): void {
  // Ctrl-C or a timeout: exit through 'exit', where the servers' and workers' orphan guards run.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  run().then(
    () => process.exit(process.exitCode ?? 0),
    (e: unknown) => {
      say(`[${name}] failed: ${e instanceof Error ? e.stack : String(e)}`);
      process.exit(1);
    },
  );
}
