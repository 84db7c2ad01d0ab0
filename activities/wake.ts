// Waking the delivery dispatcher when the outbox grows, without filling its history: every wake
// is a signal, one event in the dispatcher's history. A morning's 3,500 notices arrive from 3,500
// notify activities within seconds; coalesced, they cost a few dozen signals.
import type { Client } from '@temporalio/client';
import { deliveryDispatcherWorkflowId } from '../domain/delivery';
import { wakeSignal } from '../workflows/definitions';

/** A burst's first call fires at once; the rest of the burst, one trailing call at the window's end. */
export function coalesce(fire: () => void, windowMs: number): () => void {
  let last = -Infinity;
  let trailing: NodeJS.Timeout | undefined;
  return () => {
    const now = Date.now();
    if (now - last >= windowMs) {
      last = now;
      fire();
      return;
    }
    if (trailing) return;
    trailing = setTimeout(() => {
      trailing = undefined;
      last = Date.now();
      fire();
    }, windowMs - (now - last));
    // A worker shutting down need not wait for it: a dispatcher reads the whole outbox when it runs.
    trailing.unref();
  };
}

/** Half a second: a red warning waits at most this long for its wake-up. */
export const WAKE_WINDOW_MS = 500;

/** One waker per worker (its activities share it): signals the dispatcher of the latest caller's task queue. */
export function dispatcherWaker(): (client: Client, taskQueue: string) => void {
  let target: { client: Client; taskQueue: string } | undefined;
  const wake = coalesce(() => {
    if (!target) return;
    // Best effort: without a running dispatcher (tests of the workflows alone) nothing is lost.
    target.client.workflow.getHandle(deliveryDispatcherWorkflowId(target.taskQueue)).signal(wakeSignal).catch(() => undefined);
  }, WAKE_WINDOW_MS);
  return (client, taskQueue) => {
    target = { client, taskQueue };
    wake();
  };
}
