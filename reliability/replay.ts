// npx tsx reliability/replay.ts FILE.json …: replays saved histories (a fault run keeps those of the
// workflows it found at fault in test-artifacts/faults/NAME/) on the current workflow code, and
// prints for each whether it replays or which error it fails with. Exit code 1 if any fails.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleToFile } from './world';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (!files.length) {
    process.stderr.write('用法：npx tsx reliability/replay.ts 历史文件.json …\n');
    process.exit(2);
  }
  // The SDK core would also print each failing task at WARN; the result line below says it.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });
  const code = readFileSync(await bundleToFile(), 'utf8');
  let failed = 0;
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
    try {
      await Worker.runReplayHistory({ workflowBundle: { code } }, history, path.basename(file, '.json'));
      process.stdout.write(`${file}: replays\n`);
    } catch (e) {
      failed += 1;
      // The SDK's message runs on for a page; the first sentence and the nondeterminism details say it.
      const m = e instanceof Error ? e.message : String(e);
      const detail = /message: "([^"]+)"/.exec(m)?.[1] ?? m.split('\n')[0];
      process.stdout.write(`${file}: ${e instanceof Error ? e.name : 'Error'}: ${detail}\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
