// Records real workflow histories (time-skipping server, real PostgreSQL) into
// tests/replay/histories/, which the replay test runs against the current workflow code in CI.
// Re-record only for a deliberate, patched() change — the old files are the compatibility proof, so
// each set is recorded only when named:
//   npm run record-histories -- working-days    (problem-working-days.json, with the calendar patch)
//   npm run record-histories -- original        (the four histories recorded before any patch)
//   npm run record-histories -- catch-up        (problem-catch-up.json, with the catch-up patch)
//   npm run record-histories -- loaded-start    (problem-loaded-start.json, started from the step written at loading)
//   npm run record-histories -- one-write       (problem-one-write.json, the same with one activity per flush)
import { bundleWorkflowCode } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dayKind } from '../domain/calendar';
import { addDays, shanghaiDate } from '../domain/dates';
import { campaignWorkflowId, problemWorkflowId } from '../domain/ids';
import { createCampaign } from '../services/campaigns';
import type { campaignWorkflow } from '../workflows';
import { act, DAY, textEvidence, toInProgress } from '../tests/support/drive';
import { Harness } from '../tests/support/harness';
import { smallLedger } from '../tests/support/ledger';

const OUT = path.resolve(__dirname, '../tests/replay/histories');

const SETS: Record<string, (h: Harness) => Promise<void>> = { original, 'working-days': workingDays, 'catch-up': catchUp, 'loaded-start': (h) => loadedStart(h, 'problem-loaded-start'), 'one-write': (h) => loadedStart(h, 'problem-one-write') };

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !SETS[n]);
  if (!names.length || unknown.length) {
    process.stderr.write(`usage: npm run record-histories -- <${Object.keys(SETS).join('|')}>...\n`);
    process.exit(2);
  }
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-bundle-')), 'workflows.js');
  writeFileSync(file, code);
  process.env.RECTIFY_WORKFLOW_BUNDLE = file;

  const h = await Harness.timeSkipping();
  try {
    // One clock for all: a set's sleeps move the next set's dates (record working-days alone).
    for (const name of names) await SETS[name]!(h);
  } finally {
    await h.close();
  }
}

async function save(h: Harness, name: string, workflowId: string, runId?: string): Promise<void> {
  const history = await h.client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(path.join(OUT, `${name}.json`), historyToJSON(history));
  process.stdout.write(`${name}: ${history.events?.length} events\n`);
}

/**
 * A Sunday deadline at least 20 days ahead (2026-12-20 when recorded on 2026-11-30): reminders and
 * the due-day notice move to Fridays, warnings to Mondays, one reminder is merged away, and the
 * weekly reminder in 2027 (beyond the data) tells the office. tests/replay/replay.test.ts spells
 * out the recorded dates; re-recording means rewriting them there.
 */
async function workingDays(h: Harness): Promise<void> {
  const today = shanghaiDate(await h.now());
  let deadline = addDays(today, 20);
  while (new Date(`${deadline}T00:00:00Z`).getUTCDay() !== 0 || !quiet(deadline)) deadline = addDays(deadline, 1);
  const ledger = smallLedger({
    id: 'replay-working-days',
    problems: [{ no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline, measures: [{ text: '修订报销管理办法', owner: 'fin1', due: deadline }] }],
  });
  const [handle] = await h.startProblems(ledger, [1]);
  await h.env.sleep(40 * DAY);
  await save(h, 'problem-working-days', handle!.workflowId);
}

/**
 * A ledger loaded 8 days after its deadline (calendar days): at the start the red warning and one
 * overdue reminder go out saying 8 days and the yellow warning is recorded as skipped; the
 * department claims it, and the next weekly reminder fires on its own day.
 */
async function catchUp(h: Harness): Promise<void> {
  const today = shanghaiDate(await h.now());
  const ledger = smallLedger({
    id: 'replay-catch-up',
    policy: { workingDays: 'off' },
    problems: [{ no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline: addDays(today, -8) }],
  });
  const [handle] = await h.startProblems(ledger, [1]);
  await act(handle!, 'claim', { actor: 'fin1' });
  await h.env.sleep(10 * DAY);
  await save(h, 'problem-catch-up', handle!.workflowId);
}

/**
 * A campaign created as the CLI and the desk create it: the problem's first step is written at
 * loading and its workflow starts from it (`recorded`), arming its first timer in its first task.
 * The department claims it; then the reminders and the due-day notice fire on their days.
 */
async function loadedStart(h: Harness, name: string): Promise<void> {
  const today = shanghaiDate(await h.now());
  const ledger = smallLedger({
    id: `replay-${name.replace(/^problem-/, '')}`,
    problems: [{ no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline: addDays(today, 12), measures: [{ text: '修订报销管理办法', owner: 'fin1', due: addDays(today, 10) }] }],
  });
  await createCampaign(h.client, h.db, ledger, { taskQueue: h.taskQueue, now: await h.now() });
  const handle = h.client.workflow.getHandle(problemWorkflowId(ledger.id, 1));
  await act(handle, 'claim', { actor: 'fin1' });
  await h.env.sleep(14 * DAY);
  await save(h, name, handle.workflowId);
}

/** No statutory holiday or make-up day within two weeks either side: only the weekend rules apply. */
function quiet(date: string): boolean {
  return Array.from({ length: 31 }, (_, i) => dayKind(addDays(date, i - 14)).name).every((n) => n === undefined || n === '周六' || n === '周日');
}

/** The four histories recorded before any patch existed. */
async function original(h: Harness): Promise<void> {
  const today = shanghaiDate(await h.now());
  const ledger = smallLedger({
    id: 'replay',
    concentratedPeriodEnd: addDays(today, 40),
    problems: [
      { no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline: addDays(today, 20), measures: [{ text: '修订报销管理办法', owner: 'fin1', due: addDays(today, 15) }] },
      { no: 2, aspect: 1, title: '报销制度执行不到位', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline: addDays(today, 10), measures: [{ text: '专项检查', owner: 'fin2', due: addDays(today, 10) }] },
      { no: 3, aspect: 1, title: '理论学习不深入', kind: 'long-term', responsibleLeader: 'vp2', department: '人事科', owner: 'hr1' },
    ],
  });
  const [lifecycle, escalation] = await h.startProblems(ledger, [1, 2]);
  const [rolling] = await h.startProblems(ledger, [3], { maxHistoryEvents: 60 });
  const campaign = await h.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
    workflowId: campaignWorkflowId(ledger.id),
    taskQueue: h.taskQueue,
    args: [{ campaignId: ledger.id, concentratedPeriodEnd: ledger.concentratedPeriodEnd, office: [{ id: 'office1', name: '周主任' }], notifyHour: 9 }],
  });

  // 1: the whole lifecycle with a return, closure, look-back and relapse.
  await toInProgress(lifecycle!);
  await act(lifecycle!, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('已印发')], outcomes: { regulations: 1 } });
  await act(lifecycle!, 'requestClosure', { actor: 'fin1' });
  await act(lifecycle!, 'reviewClosure', { actor: 'vp1', approve: false, reason: '佐证不充分' });
  await act(lifecycle!, 'requestClosure', { actor: 'fin1' });
  await act(lifecycle!, 'reviewClosure', { actor: 'vp1', approve: true });
  await act(lifecycle!, 'verifyClosure', { actor: 'office1', approve: true });
  await act(lifecycle!, 'approveClosure', { actor: 'head', approve: true });
  // 2: an extension refused, then escalation timers.
  await toInProgress(escalation!);
  await act(escalation!, 'requestExtension', { actor: 'fin1', until: addDays(today, 50), reason: '设备未到' });
  await act(escalation!, 'decideExtension', { actor: 'head', approve: false, reason: '理由不充分' });
  // 3: long-term progress requests across continue-as-new.
  await act(rolling!, 'claim', { actor: 'hr1' });
  for (let i = 1; i <= 8; i++) await act(rolling!, 'reportProgress', { actor: 'hr1', text: `第${i}次进展` });

  await h.env.sleep(95 * DAY);
  await campaign.result();
  await act(lifecycle!, 'reopen', { actor: 'office1', reason: '回头看发现反弹', deadline: addDays(shanghaiDate(await h.now()), 30) });

  await save(h, 'problem-lifecycle', lifecycle!.workflowId);
  await save(h, 'problem-escalation', escalation!.workflowId);
  await save(h, 'problem-continued-as-new', rolling!.workflowId, rolling!.firstExecutionRunId);
  await save(h, 'campaign-period-end', campaign.workflowId);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
