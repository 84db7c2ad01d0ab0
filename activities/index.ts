// The activities the workflows call: thin wrappers over the query modules.
import { Context } from '@temporalio/activity';
import { shanghaiDate } from '../domain/dates';
import type { Db } from '../db/client';
import { insertNotifications } from '../db/queries/insert-notifications';
import { recordProblem } from '../db/queries/record-problem';
import { writeSnapshot } from '../db/queries/write-snapshot';
import { recordProblemWithNotices } from '../services/record';
import type { DeliveryDeps } from '../services/delivery/config';
import { createDeliveryActivities } from './delivery';
import type { DeliveryActivities, RectifyActivities } from '../workflows/activity-types';
import { dispatcherWaker } from './wake';

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

export function createActivities(db: Db, delivery?: DeliveryDeps): RectifyActivities & Partial<DeliveryActivities> {
  // The outbox grew: the dispatcher is told at once (coalesced per worker), so a red warning goes out now.
  const wake = dispatcherWaker();
  const wakeFromActivity = (): void => {
    let ctx: Context | undefined;
    try {
      ctx = Context.current();
    } catch {
      // Called outside an activity (tests of the writes alone): there is no dispatcher to wake.
    }
    if (ctx) wake(ctx.client, ctx.info.taskQueue);
  };
  return {
    async recordProblem(input) {
      await recordProblem(db, input);
    },
    async notify(input) {
      const added = await insertNotifications(db, input);
      if (added) wakeFromActivity();
      return added;
    },
    async recordProblemWithNotices(input) {
      const added = await recordProblemWithNotices(db, input);
      if (added) wakeFromActivity();
      return added;
    },
    writeCampaignSnapshot: ({ campaignId, kind }) => writeSnapshot(db, { campaignId, kind, today: shanghaiDate(scheduledAt()) }),
    ...(delivery ? createDeliveryActivities(db, delivery) : {}),
  };
}
