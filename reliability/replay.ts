// npx tsx reliability/replay.ts FILE.json …: replays saved histories (a fault run keeps those of the
// workflows it found at fault in test-artifacts/faults/NAME/) on the current workflow code, and
// prints for each whether it replays or which error it fails with. Exit code 1 if any fails.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readFileSync } from 'node:fs';
import { replayer } from '../services/repair';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (!files.length) {
    process.stderr.write('用法：npx tsx reliability/replay.ts 历史文件.json …\n');
    process.exit(2);
  }
  // The same replay as `rectify repair --replay`: the current workflow code, one replay worker.
  const replay = await replayer();
  const failures = await replay(files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(file, 'utf8'))) })));
  for (const file of files) {
    const m = failures.get(file);
    // The SDK's message runs on for a page; the first sentence and the nondeterminism details say it.
    const detail = m === undefined ? undefined : (/message: "([^"]+)"/.exec(m)?.[1] ?? m.split('\n')[0]);
    process.stdout.write(`${file}: ${detail ?? 'replays'}\n`);
  }
  process.exit(failures.size ? 1 : 0);
}

void main();
