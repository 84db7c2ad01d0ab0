import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { requeueDelivery, type RequeuedDelivery } from '../db/queries/delivery-resend';
import { deliveryDispatcherWorkflowId } from '../domain/delivery';
import { wakeSignal } from '../workflows/definitions';

// What the CLI and the desk share about deliveries: resending one, and waking the dispatcher so
// it goes out now rather than at the dispatcher's next look.

/** Wakes the dispatcher of the task queue; false when it could not be reached (it polls anyway). */
export async function wakeDeliveryDispatcher(client: Client, taskQueue: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(deliveryDispatcherWorkflowId(taskQueue)).signal(wakeSignal);
    return true;
  } catch {
    return false;
  }
}

/** Queues a failed delivery again and wakes the dispatcher. Throws a UserError when it cannot be resent. */
export async function resendDelivery(db: Db, client: Client | null, taskQueue: string, id: number, now = Date.now()): Promise<RequeuedDelivery & { woken: boolean }> {
  const d = await requeueDelivery(db, id, now);
  const woken = client ? await wakeDeliveryDispatcher(client, taskQueue) : false;
  return { ...d, woken };
}
