import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { deliveryDispatcherWorkflowId } from '../domain/delivery';
import type { DeliveryDispatcherInput } from '../workflows/definitions';
import type { deliveryDispatcherWorkflow } from '../workflows';

/**
 * Starts the delivery dispatcher of a task queue unless it runs already: every worker calls this on
 * start-up, and however many do, one dispatcher runs (its id is fixed per task queue). A long-running
 * workflow rather than a Schedule: it is woken the moment the outbox grows (a red warning goes out
 * at once), keeps each robot's rate window in its state, and sleeps until the next deferred message.
 */
export async function ensureDeliveryDispatcher(client: Client, taskQueue: string, input: DeliveryDispatcherInput = {}): Promise<'started' | 'running'> {
  try {
    await client.workflow.start<typeof deliveryDispatcherWorkflow>('deliveryDispatcherWorkflow', {
      workflowId: deliveryDispatcherWorkflowId(taskQueue),
      taskQueue,
      args: [input],
    });
    return 'started';
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return 'running';
    throw e;
  }
}
