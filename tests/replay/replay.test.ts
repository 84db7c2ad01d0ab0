import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workflowBundle } from '../support/bundle';

const DIR = path.join(__dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

test('histories recorded from real runs are committed', () => {
  expect(files.sort()).toEqual(['campaign-period-end.json', 'problem-continued-as-new.json', 'problem-escalation.json', 'problem-lifecycle.json']);
});

test.each(files)('%s replays deterministically on the current workflow code', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')));
  expect(history.events?.length).toBeGreaterThan(10);
  await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, path.basename(file, '.json'))).resolves.toBeUndefined();
});
