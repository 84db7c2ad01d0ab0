// The activities the workflows call: thin wrappers over the query modules.
import { Context } from '@temporalio/activity';
import { shanghaiDate } from '../domain/dates';
import type { Db } from '../db/client';
import { insertNotifications } from '../db/queries/insert-notifications';
import { recordProblem } from '../db/queries/record-problem';
import { writeSnapshot } from '../db/queries/write-snapshot';
import type { RectifyActivities } from './types';

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

export function createActivities(db: Db): RectifyActivities {
  return {
    async recordProblem(input) {
      await recordProblem(db, input);
    },
    notify: (input) => insertNotifications(db, input),
    writeCampaignSnapshot: ({ campaignId, kind }) => writeSnapshot(db, { campaignId, kind, today: shanghaiDate(scheduledAt()) }),
  };
}
