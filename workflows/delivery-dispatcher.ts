import * as wf from '@temporalio/workflow';
import type { DeliveryActivities, DueSend } from './activity-types';
import { LANE_CONCURRENCY, laneLimits, nextSlot, SEND_MAX_ATTEMPTS } from '../domain/delivery';
import { DeliveryDispatcherInput, wakeSignal } from './definitions';

// The delivery dispatcher: one long-running workflow per task queue that turns the outbox into
// emails and robot posts. It holds no message data, only the pacing: which sends are in flight and
// when each lane (one robot, or the SMTP pool) last started one. All I/O is in activities:
//
//   wake signal / timer ─▶ prepareDeliveries (expand outbox ▶ compose due batches ▶ list due)
//                       ─▶ sendMessage per message, as each lane's rate limit allows
//   Monday morning      ─▶ queueWeeklyDigests (into the outbox, then as above)

const { prepareDeliveries, queueWeeklyDigests, abandonMessage } = wf.proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Transient failures retry with backoff (5 s … 10 min); permanent ones come back as DeliveryFailed. */
const { sendMessage } = wf.proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '1 minute',
  // A send heartbeats every second: a worker killed mid-send frees its lane within seconds.
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: SEND_MAX_ATTEMPTS, nonRetryableErrorTypes: ['DeliveryFailed'] },
});

const MINUTE = 60_000;
/** Sends in flight at once, all lanes together. */
const MAX_IN_FLIGHT = 16;
const DEFAULT_MAX_HISTORY_EVENTS = 5_000;

/** Each lane's recent starts and sends in flight: the queue that keeps robots within their limits. */
class Lanes {
  private readonly starts = new Map<string, number[]>();
  private readonly busy = new Map<string, number>();

  constructor(carried: Record<string, number[]>) {
    for (const [lane, list] of Object.entries(carried)) this.starts.set(lane, [...list]);
  }

  /** When one more send may start on `lane`; Infinity while it has all the sends in flight it may. */
  slotAt(lane: string, now: number): number {
    const concurrency = lane === 'email' ? LANE_CONCURRENCY.email : LANE_CONCURRENCY.robot;
    if ((this.busy.get(lane) ?? 0) >= concurrency) return Infinity;
    return nextSlot(this.starts.get(lane) ?? [], laneLimits(lane), now);
  }

  take(lane: string, now: number): void {
    this.starts.set(lane, [...(this.starts.get(lane) ?? []), now]);
    this.busy.set(lane, (this.busy.get(lane) ?? 0) + 1);
  }

  release(lane: string): void {
    this.busy.set(lane, (this.busy.get(lane) ?? 1) - 1);
  }

  /** Starts that can still matter (within the longest window), for continue-as-new. */
  snapshot(now: number): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const [lane, list] of this.starts) {
      const recent = list.filter((t) => t > now - 2 * MINUTE);
      if (recent.length) out[lane] = recent;
    }
    return out;
  }
}

const isRecordedFailure = (e: unknown): boolean =>
  e instanceof wf.ActivityFailure && e.cause instanceof wf.ApplicationFailure && e.cause.type === 'DeliveryFailed';

export async function deliveryDispatcherWorkflow(input: DeliveryDispatcherInput = {}): Promise<void> {
  const pollEvery = input.pollEveryMs ?? 10 * MINUTE;
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const lanes = new Lanes(input.lanes ?? {});
  const inFlight = new Set<number>();
  let woken = true;
  let settled = 0;
  wf.setHandler(wakeSignal, () => {
    woken = true;
  });

  const sendOne = async (m: DueSend): Promise<void> => {
    inFlight.add(m.id);
    lanes.take(m.lane, Date.now());
    try {
      await sendMessage({ messageId: m.id });
    } catch (e) {
      // A permanent failure is already recorded with the provider's answer; anything else (the last
      // attempt timed out) is recorded here, so no message stays "sending" for ever.
      if (!isRecordedFailure(e)) {
        wf.log.warn('消息多次尝试均未完成', { messageId: m.id });
        await abandonMessage({ messageId: m.id, reason: '多次尝试均未完成（超时）' }).catch(() => undefined);
      }
    } finally {
      inFlight.delete(m.id);
      lanes.release(m.lane);
      settled++;
    }
  };

  const alarm = new Alarm();
  let queue: DueSend[] = [];
  let more = false;
  let nextAt: number | null = null;
  let lastLook = 0;
  let nextWeeklyAt = input.nextWeeklyAt ?? 0;

  for (;;) {
    if (Date.now() >= nextWeeklyAt) {
      nextWeeklyAt = await queueWeeklyDigests({ now: Date.now() });
      woken = true;
    }
    if (woken || (nextAt !== null && Date.now() >= nextAt) || Date.now() - lastLook >= pollEvery || (more && !queue.length)) {
      woken = false;
      const r = await prepareDeliveries({ now: Date.now(), exclude: [...inFlight] });
      queue = r.due;
      more = r.more;
      nextAt = r.nextAt;
      lastLook = Date.now();
    }

    // Start what the lanes allow, urgent first; the rest waits for a slot, never dropped.
    let laneFreeAt = Infinity;
    const waiting: DueSend[] = [];
    for (const m of queue) {
      if (inFlight.has(m.id)) continue;
      const at = inFlight.size >= MAX_IN_FLIGHT ? Infinity : lanes.slotAt(m.lane, Date.now());
      if (at <= Date.now()) void sendOne(m);
      else {
        waiting.push(m);
        laneFreeAt = Math.min(laneFreeAt, at);
      }
    }
    queue = waiting;

    const info = wf.workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= maxHistoryEvents) {
      // Sends belong to this run: let them finish; the next run lists whatever is still due.
      await wf.condition(() => inFlight.size === 0 && wf.allHandlersFinished());
      await wf.continueAsNew<typeof deliveryDispatcherWorkflow>({ ...input, lanes: lanes.snapshot(Date.now()), nextWeeklyAt });
    }

    alarm.set(Math.min(nextAt ?? Infinity, lastLook + pollEvery, nextWeeklyAt, laneFreeAt));
    const seen = { settled, rang: alarm.rang };
    await wf.condition(() => woken || alarm.rang !== seen.rang || (settled !== seen.settled && (queue.length > 0 || more)));
  }
}

/**
 * The next wake-up as a timer that is never cancelled: a later wish keeps the earlier timer, an
 * earlier one adds a timer. Cancelling a timer as it fires is a race servers must resolve (the
 * time-skipping test server cannot), and an uncancelled timer costs one spare loop at most.
 */
class Alarm {
  rang = 0;
  private at = Infinity;

  set(at: number): void {
    if (at >= this.at || at === Infinity) return;
    this.at = at;
    void wf.sleep(Math.max(at - Date.now(), 1)).then(() => {
      if (this.at === at) this.at = Infinity;
      this.rang++;
    });
  }
}
