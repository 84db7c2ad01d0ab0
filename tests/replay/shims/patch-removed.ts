// The workflow API as if the patched() calls were deleted from the workflow code: every patch
// absent and no marker written. replay.test.ts bundles the workflows against it (a webpack alias).
export * from '@temporalio/workflow/lib/index';

export function patched(_patchId: string): boolean {
  return false;
}
