// The smallest workflow that shows the update-ordering nondeterminism (see ../upstream-update-order.md):
// every update is accepted at once and answered when a single "writer" loop has run an activity for
// it. Stand-alone: it imports nothing but @temporalio/workflow.
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export interface Activities {
  write(upTo: number): Promise<number>;
}

const { write } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

export const bump = defineUpdate<number, []>('bump');
export const writtenQuery = defineQuery<number>('written');

export async function writerLoop(): Promise<number> {
  let requested = 0;
  let written = 0;
  setHandler(writtenQuery, () => written);
  setHandler(bump, async () => {
    const mine = ++requested;
    await condition(() => written >= mine);
    return mine;
  });
  for (;;) {
    await condition(() => requested > written);
    const upTo = requested;
    await write(upTo);
    written = upTo;
  }
}
