// Records real workflow histories (time-skipping server, real PostgreSQL) into
// tests/replay/histories/, which the replay test runs against the current workflow code in CI.
// Re-record only for a deliberate, patched() change — the old files are the compatibility proof.
import { bundleWorkflowCode } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, shanghaiDate } from '../domain/dates';
import { campaignWorkflowId } from '../domain/ids';
import type { campaignWorkflow } from '../workflows';
import { act, DAY, textEvidence, toInProgress } from '../tests/support/drive';
import { Harness } from '../tests/support/harness';
import { smallLedger } from '../tests/support/ledger';

const OUT = path.resolve(__dirname, '../tests/replay/histories');

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-bundle-')), 'workflows.js');
  writeFileSync(file, code);
  process.env.RECTIFY_WORKFLOW_BUNDLE = file;

  const h = await Harness.timeSkipping();
  try {
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

    const save = async (name: string, workflowId: string, runId?: string) => {
      const history = await h.client.workflow.getHandle(workflowId, runId).fetchHistory();
      writeFileSync(path.join(OUT, `${name}.json`), historyToJSON(history));
      process.stdout.write(`${name}: ${history.events?.length} events\n`);
    };
    await save('problem-lifecycle', lifecycle!.workflowId);
    await save('problem-escalation', escalation!.workflowId);
    await save('problem-continued-as-new', rolling!.workflowId, rolling!.firstExecutionRunId);
    await save('campaign-period-end', campaign.workflowId);
  } finally {
    await h.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
