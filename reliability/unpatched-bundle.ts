// The workflow change shipped without patched(), for the unpatched-change script: a copy of
// workflows/ and domain/ in a temp dir with one textual edit to problem.ts, bundled like the real
// code, and the replay check CI runs (tests/replay) applied to that bundle.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QUIET_LOGGER } from './world';

const ROOT = path.join(__dirname, '..');
export const HISTORIES = path.join(ROOT, 'tests/replay/histories');

/** The line the edit goes after; if problem.ts no longer has it, the script fails rather than test nothing. */
const ANCHOR = '        const version = data.version;\n';
/**
 * The change: one extra activity call in the update handler, only for a closure request (an empty
 * notify, so it has no effect of its own). It adds a command before the ledger write that recorded
 * histories have at that point, so every run that has handled requestClosure fails to replay with
 * a nondeterminism error; runs that never handled one never reach it. (A wf.sleep() in the same
 * place is caught too, but the SDK reports it as a fatal ReplayError, not a DeterminismViolationError.)
 */
const EDIT = "        if (name === 'requestClosure') await notify({ campaignId: data.campaignId, workflowId: wf.workflowInfo().workflowId, notifications: [] });\n";

/** Writes the modified copy; returns the path of its workflows/index.ts. */
export function writeModifiedWorkflows(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-unpatched-'));
  for (const folder of ['workflows', 'domain']) cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  const file = path.join(dir, 'workflows/problem.ts');
  const source = readFileSync(file, 'utf8');
  if (source.split(ANCHOR).length !== 2) throw new Error(`workflows/problem.ts 中找不到唯一的插入点：${JSON.stringify(ANCHOR)}`);
  writeFileSync(file, source.replace(ANCHOR, ANCHOR + EDIT));
  return path.join(dir, 'workflows/index.ts');
}

/** Bundles the copy, then deletes it; its packages (zod, chinese-days, @temporalio/workflow) come from the repository's node_modules. */
export async function bundleModified(indexFile: string): Promise<string> {
  try {
    const { code } = await bundleWorkflowCode({
      workflowsPath: indexFile,
      logger: QUIET_LOGGER,
      webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, modules: [path.join(ROOT, 'node_modules'), 'node_modules'] } }),
    });
    return code;
  } finally {
    rmSync(path.dirname(path.dirname(indexFile)), { recursive: true, force: true });
  }
}

export interface ReplayOutcome {
  file: string;
  /** The recorded run handled a requestClosure update: the path the change touches. */
  hitsPath: boolean;
  error?: string;
  errorName?: string;
}

const updateNames = (h: temporal.api.history.v1.IHistory) =>
  (h.events ?? []).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter((n): n is string => !!n);

/** What tests/replay/replay.test.ts does, for any bundle: every committed history, replayed. */
export async function replayCommitted(code: string): Promise<ReplayOutcome[]> {
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json')).sort();
  const histories = files.map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, f), 'utf8'))) }));
  const out: ReplayOutcome[] = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: { code } }, histories)) {
    const h = histories.find((x) => x.workflowId === r.workflowId)!;
    out.push({ file: r.workflowId, hitsPath: updateNames(h.history).includes('requestClosure'), error: r.error?.message, errorName: r.error?.name });
  }
  return out;
}
