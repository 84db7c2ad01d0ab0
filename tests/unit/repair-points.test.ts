import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventIdInError, misorderedTasks, resetPoints, updatesAfter } from '../../services/repair';

// Where `rectify repair` resets a stuck problem, on the two histories the worker-sigkill runs left
// (reliability/evidence) and on the healthy ones CI replays (tests/replay/histories).

const load = (file: string) => historyFromJSON(JSON.parse(readFileSync(file, 'utf8'))).events ?? [];
const EVIDENCE = path.join(__dirname, '../../reliability/evidence');
const HEALTHY = path.join(__dirname, '../replay/histories');

test('the event id is read from both forms of the nondeterminism message', () => {
  expect(eventIdInError('[TMPRL1100] Nondeterminism error: Update machine does not handle this event: HistoryEvent(id: 40, ActivityTaskScheduled)')).toBe(40);
  expect(eventIdInError('Fatal error in workflow machines: UpdateMachine in state AcceptCommandCreated says the transition is invalid during event EventInfo { event_id: 17, event_type: WorkflowExecutionUpdateCompleted }')).toBe(17);
  expect(eventIdInError('something else')).toBeUndefined();
});

test.each([
  // file, the event the replay's error names, the task that wrote the misordered commands, the update accepted last in it
  ['sigkill-update-order-nde.json', 40, 39, 'decidePlan'],
  ['sigkill-update-order-nde-2.json', 46, 45, 'decidePlan'],
])('%s: reset to the task that misordered its commands, the update after it reapplied', (file, nde, task, update) => {
  const events = load(path.join(EVIDENCE, file));
  expect(misorderedTasks(events)).toEqual([task]);
  // From the error's event id, and without one (the misordered task itself): the same point first.
  expect(resetPoints(events, nde)[0]).toBe(task);
  expect(resetPoints(events)[0]).toBe(task);
  // Earlier completed tasks follow, nearest first, for when the nearest does not hold.
  const points = resetPoints(events, nde);
  expect(points.length).toBeGreaterThan(2);
  expect([...points].sort((a, b) => b - a)).toEqual(points);
  // What the new run must receive again: the update accepted in that task (and any later).
  expect(updatesAfter(events, task).map(([, name]) => name)[0]).toBe(update);
});

test('no task of the healthy recorded histories counts as misordered', () => {
  const files = readdirSync(HEALTHY).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThan(5);
  for (const f of files) expect([f, misorderedTasks(load(path.join(HEALTHY, f)))]).toEqual([f, []]);
});
