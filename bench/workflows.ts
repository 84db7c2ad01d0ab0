// The benchmark's bundle: the real workflows plus a no-op, the baseline's unit of work.
export * from '../workflows';

export async function noopWorkflow(): Promise<void> {
  // Nothing: starting it is the whole cost being measured.
}
