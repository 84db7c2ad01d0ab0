// Markers written exactly as recorded, but the calendar never applies: the schedule as it was before
// the patch, so a replay that fails here fails on what the workflow did, not on the marker.
import { patched as recorded } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  recorded(patchId);
  return false;
}
