// The load every fault script runs under: a campaign start (its import retried until it goes
// through, as an operator would) and, concurrently, each problem driven claim → plan → submit →
// approve by the people of the synthetic ledger. Every action whose sender got an answer is
// recorded as acknowledged; the verifier later checks each of them against workflow and ledger.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { addDays, shanghaiDate } from '../domain/dates';
import { UserError } from '../domain/errors';
import { problemWorkflowId } from '../domain/ids';
import type { ActionInput, ActionName } from '../domain/problem-types';
import type { CampaignLedger } from '../domain/schemas';
import { createCampaign, forEachLimit } from '../services/campaigns';
import { sendAction } from '../services/actions';
import { readProblemState } from '../services/problem-state';
import { syntheticLedger } from '../bench/synthetic-ledger';
import type { Ack } from './check';
import { errorText } from './inspect';

export interface Step {
  action: ActionName;
  input: (no: number) => ActionInput<ActionName>;
}

const dept = (no: number) => (no - 1) % 10;
export const DUE = addDays(shanghaiDate(Date.now()), 30);

/** The first half of a problem's life, by the synthetic ledger's owners and leaders. */
export const PLAN_STEPS: Step[] = [
  { action: 'claim', input: (no) => ({ actor: `owner${dept(no)}` }) },
  { action: 'planMeasures', input: (no) => ({ actor: `owner${dept(no)}`, measures: [{ text: '修订相关制度（修订稿）', owner: `owner${dept(no)}`, due: DUE }, { text: '开展专项检查', owner: `owner${dept(no)}`, due: DUE }] }) },
  { action: 'submitPlan', input: (no) => ({ actor: `owner${dept(no)}` }) },
  { action: 'decidePlan', input: (no) => ({ actor: `leader${dept(no)}`, approve: true }) },
];

export function faultLedger(id: string, n: number): CampaignLedger {
  return syntheticLedger(id, n, DUE);
}

export interface LoadResult {
  startMs: number;
  importRetries: number;
  acks: Ack[];
  /** Acknowledged as "accepted, the ledger is catching up" (recorded: false). */
  acceptedNotRecorded: number;
  /** Applied by the workflow although the sender saw an error (found in its history afterwards). */
  appliedUnacknowledged: number;
  /** Sends that failed in transport or timed out and were tried again. */
  transportErrors: number;
  /** What those errors said (the whole cause chain), with how often. */
  errorKinds: Record<string, number>;
  /** Refused by the workflow itself (a business refusal: wrong state, wrong person). */
  refused: string[];
  /** Still failing for other reasons after GIVE_UP_MS of retrying. */
  gaveUp: string[];
  ms: number;
}

export interface Load {
  /** Problems started plus actions acknowledged or found applied so far. */
  progress(): number;
  /** The actions acknowledged so far. */
  acknowledged(): readonly Ack[];
  total: number;
  done: Promise<LoadResult>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long a sender keeps retrying one action that fails for other reasons than a refusal. */
const GIVE_UP_MS = 180_000;

/** A promise that gives up after `ms`; the work itself goes on, and its late answer is ignored. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`超时 ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export interface LoadOptions {
  taskQueue: string;
  steps?: Step[];
  drivers?: number;
  /** Drive only every n-th problem (all are started): keeps a run within minutes on 2 cores. */
  everyNth?: number;
  log: (s: string) => void;
}

export function startLoad(client: Client, db: Db, ledger: CampaignLedger, o: LoadOptions): Load {
  const steps = o.steps ?? PLAN_STEPS;
  const nos = ledger.problems.map((p) => p.no);
  const driven = nos.filter((no) => no % (o.everyNth ?? 1) === 0);
  let started = 0;
  let units = 0;
  const r: LoadResult = { startMs: 0, importRetries: 0, acks: [], acceptedNotRecorded: 0, appliedUnacknowledged: 0, transportErrors: 0, errorKinds: {}, refused: [], gaveUp: [], ms: 0 };
  const t0 = Date.now();

  const importing = (async () => {
    for (;;) {
      try {
        await createCampaign(client, db, ledger, { taskQueue: o.taskQueue, concurrency: 16, onProgress: (done) => (started = Math.max(started, done)) });
        r.startMs = Date.now() - t0;
        o.log(`[load] ${nos.length} 个问题已全部启动，用时 ${(r.startMs / 1000).toFixed(1)} s`);
        return;
      } catch (e) {
        r.importRetries += 1;
        o.log(`[load] 载入台账失败，2 s 后重试（第 ${r.importRetries} 次）：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        await sleep(2_000);
      }
    }
  })();

  /** Whether the workflow has applied `action`, read from its state; asked again while the query fails. */
  const applied = async (no: number, action: ActionName): Promise<boolean> => {
    for (let i = 0; ; i++) {
      try {
        // The desk's and CLI's own read, with its deadline (services/problem-state.ts says why).
        const s = await readProblemState(client, problemWorkflowId(ledger.id, no));
        return s.history.some((h) => h.action === action);
      } catch (e) {
        // A workflow whose state cannot be read after a minute is left to the verifier (it counts as stuck).
        if (i >= 4) return false;
        r.errorKinds[errorText(e)] = (r.errorKinds[errorText(e)] ?? 0) + 1;
        await sleep(2_000);
      }
    }
  };

  const drive = async (no: number): Promise<void> => {
    for (const step of steps) {
      const giveUpAt = Date.now() + GIVE_UP_MS;
      for (;;) {
        try {
          const answer = await within(90_000, sendAction(client, ledger.id, no, step.action, step.input(no), { waitMs: 5_000 }));
          r.acks.push({ campaignId: ledger.id, no, action: step.action, version: answer.version });
          if (!answer.recorded) r.acceptedNotRecorded += 1;
          units += 1;
          break;
        } catch (e) {
          // Not started yet (the import runs alongside): wait for it, this is no failure.
          if (e instanceof UserError && e.code === 'NotFound') {
            await sleep(500);
            continue;
          }
          r.errorKinds[errorText(e)] = (r.errorKinds[errorText(e)] ?? 0) + 1;
          if (await applied(no, step.action)) {
            r.appliedUnacknowledged += 1;
            units += 1;
            break;
          }
          // A refusal by the workflow is final; anything else is retried, as a person would, for a while.
          if (e instanceof UserError || Date.now() > giveUpAt) {
            (e instanceof UserError ? r.refused : r.gaveUp).push(`问题${no} ${step.action}: ${errorText(e)}`);
            return;
          }
          r.transportErrors += 1;
          await sleep(1_000);
        }
      }
    }
  };

  const done = (async () => {
    await Promise.all([importing, forEachLimit(driven, o.drivers ?? 24, drive)]);
    r.ms = Date.now() - t0;
    return r;
  })();
  return { progress: () => started + units, acknowledged: () => r.acks, total: nos.length + driven.length * steps.length, done };
}
