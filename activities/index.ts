// The activities the workflows call: thin wrappers over the query modules.
import { Context } from '@temporalio/activity';
import { shanghaiDate } from '../domain/dates';
import { deliveryDispatcherWorkflowId } from '../domain/delivery';
import type { Db } from '../db/client';
import { insertNotifications } from '../db/queries/insert-notifications';
import { recordProblem } from '../db/queries/record-problem';
import { writeSnapshot } from '../db/queries/write-snapshot';
import { wakeSignal } from '../workflows/definitions';
import { createDeliveryActivities, type DeliveryDeps } from './delivery';
import type { DeliveryActivities, RectifyActivities } from './types';

/**
 * The time the activity was first scheduled: the server's clock (so time-skipping tests see their
 * skipped time) and the same on every retry. Outside an activity (direct calls), the wall clock.
 */
function scheduledAt(): number {
  try {
    return Context.current().info.scheduledTimestampMs;
  } catch {
    return Date.now();
  }
}

/**
 * Tells the delivery dispatcher of this task queue that the outbox grew, so a red warning goes out
 * now rather than at its next look. Best effort: without a running dispatcher (tests of the
 * workflows alone) nothing is lost — a dispatcher reads the whole outbox when it starts.
 */
async function wakeDispatcher(): Promise<void> {
  try {
    const ctx = Context.current();
    await ctx.client.workflow.getHandle(deliveryDispatcherWorkflowId(ctx.info.taskQueue)).signal(wakeSignal);
  } catch {
    // no dispatcher (yet): it catches up when it starts
  }
}

export function createActivities(db: Db, delivery?: DeliveryDeps): RectifyActivities & Partial<DeliveryActivities> {
  return {
    async recordProblem(input) {
      await recordProblem(db, input);
    },
    async notify(input) {
      const added = await insertNotifications(db, input);
      if (added) await wakeDispatcher();
      return added;
    },
    writeCampaignSnapshot: ({ campaignId, kind }) => writeSnapshot(db, { campaignId, kind, today: shanghaiDate(scheduledAt()) }),
    ...(delivery ? createDeliveryActivities(db, delivery) : {}),
  };
}
