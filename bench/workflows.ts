// The benchmark's bundle: the real workflows plus two baselines' units of work.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
export * from '../workflows';

export async function noopWorkflow(): Promise<void> {
  // Nothing: starting it is the whole cost being measured.
}

/** The bare Workflow Update the desk's actions are measured against (bench/desk-load.ts): it answers at once. */
const ping = defineUpdate<number, [number]>('benchPing');
const stop = defineSignal('benchStop');

export async function noopUpdateWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(ping, (n) => n);
  setHandler(stop, () => void (stopped = true));
  await condition(() => stopped);
}
