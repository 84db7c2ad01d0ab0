import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Bundling takes seconds; do it once per run and hand the file to every test file.
export default async function globalSetup(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
  const file = join(mkdtempSync(join(tmpdir(), 'rectify-bundle-')), 'workflows.js');
  writeFileSync(file, code);
  process.env.RECTIFY_WORKFLOW_BUNDLE = file;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
