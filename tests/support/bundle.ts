import { readFileSync } from 'node:fs';

let cached: { code: string } | undefined;

/** The workflow bundle built once by global-setup. */
export function workflowBundle(): { code: string } {
  const file = process.env.RECTIFY_WORKFLOW_BUNDLE;
  if (!file) throw new Error('RECTIFY_WORKFLOW_BUNDLE is not set: run tests through jest (global-setup builds it)');
  cached ??= { code: readFileSync(file, 'utf8') };
  return cached;
}
