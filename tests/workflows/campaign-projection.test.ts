import { addDays, shanghaiDate } from '../../domain/dates';
import { campaignWorkflowId } from '../../domain/ids';
import type { CampaignStats } from '../../domain/stats';
import { campaignStatsQuery } from '../../workflows/definitions';
import type { campaignWorkflow } from '../../workflows';
import { act, DAY, stateOf, textEvidence, toClosed, toInProgress } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

test('the projection in the database equals the workflow state after a run', async () => {
  const today = shanghaiDate(await h.now());
  const ledger = smallLedger({ id: uniqueId('proj'), concentratedPeriodEnd: addDays(today, 60) });
  const [p1, p2, p3] = await h.startProblems(ledger, [1, 2, 3]);
  await toClosed(p1!);
  await act(p2!, 'claim', { actor: 'hr1' });
  await act(p2!, 'planMeasures', {
    actor: 'hr1',
    measures: [
      { text: '补齐干部档案材料', owner: 'hr1', due: addDays(today, 10) },
      { text: '建立档案专审制度', owner: 'hr1', due: addDays(today, 20) },
    ],
  });
  await act(p2!, 'submitPlan', { actor: 'hr1' });
  await act(p2!, 'decidePlan', { actor: 'vp2', approve: true });
  await act(p2!, 'completeMeasure', { actor: 'hr1', measureId: 'M2', evidence: [textEvidence('制度已印发')], outcomes: { regulations: 2, admonishment: 1 } });

  // A problem nobody has touched yet is in the projection too, from the workflow's first snapshot.
  const untouched = await stateOf(p3!);
  const { rows: [fresh] } = await h.db.query<{ started_on: string; version: number }>('select started_on, version from problems where workflow_id = $1', [p3!.workflowId]);
  expect(fresh).toEqual({ started_on: untouched.startedOn, version: 0 });

  for (const handle of [p1!, p2!, p3!]) {
    const s = await stateOf(handle);
    const { rows: [row] } = await h.db.query<Record<string, unknown>>(
      'select status, warning, deadline, version, closed_on from problems where workflow_id = $1',
      [handle.workflowId],
    );
    expect(row).toEqual({ status: s.status, warning: s.warning, deadline: s.deadline ?? null, version: s.version, closed_on: s.closedOn ?? null });
    const { rows: measures } = await h.db.query<{ id: string; done: boolean; regulations: number; admonishment: number; funds_recovered_wan: number }>(
      'select id, done, regulations, admonishment, funds_recovered_wan from measures where campaign_id = $1 and problem_no = $2 order by id',
      [ledger.id, s.no],
    );
    expect(measures).toEqual(
      s.measures.map((m) => ({ id: m.id, done: m.done, regulations: m.outcomes.regulations, admonishment: m.outcomes.admonishment, funds_recovered_wan: m.outcomes.fundsRecoveredWan })),
    );
    const { rows: evidence } = await h.db.query<{ n: string }>('select count(*) as n from evidence where campaign_id = $1 and problem_no = $2', [ledger.id, s.no]);
    expect(Number(evidence[0]!.n)).toBe(s.measures.reduce((n, m) => n + m.evidence.length, 0));
    const { rows: audit } = await h.db.query<{ seq: number; action: string }>('select seq, action from audit where workflow_id = $1 order by seq', [handle.workflowId]);
    expect(audit).toEqual(s.history.map((e) => ({ seq: e.seq, action: e.action })));
  }
});

test('when the concentrated period ends, the campaign writes its statistics and tells the office', async () => {
  const today = shanghaiDate(await h.now());
  const end = addDays(today, 20);
  const ledger = smallLedger({ id: uniqueId('period'), concentratedPeriodEnd: end });
  const [p1, p2] = await h.startProblems(ledger);
  await toClosed(p1!);
  await toInProgressHr(p2!);
  const campaign = await h.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
    workflowId: campaignWorkflowId(ledger.id),
    taskQueue: h.taskQueue,
    args: [{ campaignId: ledger.id, concentratedPeriodEnd: end, office: [{ id: 'office1', name: '周主任' }], notifyHour: 9 }],
  });
  expect(await campaign.query(campaignStatsQuery)).toBeNull();

  await h.env.sleep(21 * DAY);
  const stats = await campaign.result();
  const expected: CampaignStats = {
    campaignId: ledger.id, problems: 3, closed: 1, open: 1, longTerm: 1, overdue: 1, measures: 2, measuresDone: 1,
    regulations: 1, fundsRecoveredWan: 2.5, partyDiscipline: 0, admonishment: 0, orderedSelfCriticism: 0,
  };
  expect(stats).toEqual(expected);
  const { rows } = await h.db.query<{ stats: CampaignStats }>('select stats from campaign_snapshots where campaign_id = $1', [ledger.id]);
  expect(rows.map((r) => r.stats)).toEqual([expected]);
  const { rows: notes } = await h.db.query<{ recipient_id: string; title: string }>(
    "select recipient_id, title from notifications where campaign_id = $1 and kind = 'period-end'",
    [ledger.id],
  );
  expect(notes).toEqual([{ recipient_id: 'office1', title: `集中整改期已于 ${end} 结束` }]);
});

async function toInProgressHr(handle: Parameters<typeof toInProgress>[0]) {
  await act(handle, 'claim', { actor: 'hr1' });
  await act(handle, 'planMeasures', { actor: 'hr1', measures: [{ text: '补齐档案', owner: 'hr1', due: '2099-01-01' }] });
  await act(handle, 'submitPlan', { actor: 'hr1' });
  await act(handle, 'decidePlan', { actor: 'vp2', approve: true });
}
