import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { campaignStats } from '../../db/queries/campaign-stats';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { recordProblem } from '../../db/queries/record-problem';
import { writeSnapshot } from '../../db/queries/write-snapshot';
import type { CampaignStats } from '../../domain/stats';
import { doneMeasure, entry, scenario, snapshot, testLedger, write } from './fixtures';
import { migratedPg, TestDb } from './pg';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

async function load(id: string, withScenario: boolean) {
  const ledger = testLedger({ id });
  await insertCampaign(t.db, ledger);
  if (withScenario) for (const w of scenario(ledger)) await recordProblem(t.db, w);
  return ledger;
}

// Worked out by hand from fixtures.scenario on 2025-04-10:
// 1 time-bound, in progress, due 03-31 → open, overdue; measures M1 done (2 regs, 12.35 万元, 1 诫勉), M2 open
// 2 immediate, in closure review, due 01-15 → open, not overdue (waiting for the leader); M1 done (2 党纪, 3 责令检查, 0.5 万元)
// 3 long-term, in progress, no deadline → long-term; no measures
// 4 closed by the ledger → closed; its ledger measure counts as done
const SCENARIO_STATS = (campaignId: string): CampaignStats => ({
  campaignId, problems: 4, closed: 1, open: 2, longTerm: 1, overdue: 1, measures: 4, measuresDone: 3,
  regulations: 2, fundsRecoveredWan: 12.85, partyDiscipline: 2, admonishment: 1, orderedSelfCriticism: 3,
});

describe('campaignStats', () => {
  test('figures of a small hand-made campaign', async () => {
    await load('stats-1', true);
    expect(await campaignStats(t.db, 'stats-1', '2025-04-10')).toEqual(SCENARIO_STATS('stats-1'));
    // Not overdue on its deadline day, nor before.
    expect((await campaignStats(t.db, 'stats-1', '2025-03-31')).overdue).toBe(0);
  });

  test('just loaded: every open problem whose deadline has passed is overdue', async () => {
    await load('stats-2', false);
    expect(await campaignStats(t.db, 'stats-2', '2025-04-10')).toEqual({
      campaignId: 'stats-2', problems: 4, closed: 1, open: 2, longTerm: 1, overdue: 2, measures: 4, measuresDone: 1,
      regulations: 0, fundsRecoveredWan: 0, partyDiscipline: 0, admonishment: 0, orderedSelfCriticism: 0,
    });
    expect((await campaignStats(t.db, 'stats-2', '2025-01-16')).overdue).toBe(1);
  });

  test('an unknown campaign has all zeros', async () => {
    expect(await campaignStats(t.db, 'nothing', '2025-04-10')).toMatchObject({ problems: 0, measures: 0, fundsRecoveredWan: 0 });
  });
});

describe('writeSnapshot', () => {
  test('a retry returns the first snapshot, even after the figures changed; another kind is taken anew', async () => {
    const ledger = await load('snap-1', true);
    const first = await writeSnapshot(t.db, { campaignId: 'snap-1', kind: 'concentrated-period-end', today: '2025-04-10' });
    expect(first).toEqual(SCENARIO_STATS('snap-1'));

    // Problem 1 gets closed afterwards.
    const p1 = snapshot(ledger, 1);
    await recordProblem(t.db, write(ledger, snapshot(ledger, 1, { status: 'closed', version: 9, measures: p1.measures.map((m) => doneMeasure(m)) }), [entry(4, 'approveClosure', 'head_approval', 'closed')]));
    expect(await writeSnapshot(t.db, { campaignId: 'snap-1', kind: 'concentrated-period-end', today: '2025-04-11' })).toEqual(first);
    const { rows } = await t.db.query('select kind, stats from campaign_snapshots where campaign_id = $1', ['snap-1']);
    expect(rows).toEqual([{ kind: 'concentrated-period-end', stats: first }]);

    const later = await writeSnapshot(t.db, { campaignId: 'snap-1', kind: 'look-back', today: '2025-04-11' });
    expect(later).toMatchObject({ closed: 2, open: 1, overdue: 0, measuresDone: 4 });
  });
});

describe('activities', () => {
  test('writeCampaignSnapshot counts overdue on the Shanghai day the activity was scheduled', async () => {
    await load('act-1', false);
    const activities = createActivities(t.db);
    // 2025-01-15 16:30 UTC is 2025-01-16 00:30 in Shanghai: problem 2 (due 01-15) has just become overdue.
    const env = new MockActivityEnvironment({ scheduledTimestampMs: Date.parse('2025-01-15T16:30:00Z') });
    const run = () => activities.writeCampaignSnapshot({ campaignId: 'act-1', kind: 'concentrated-period-end' });
    const stats = await env.run<[], CampaignStats, typeof run>(run);
    expect(stats.overdue).toBe(1);
  });

  test('recordProblem and notify write through to the tables', async () => {
    const ledger = await load('act-2', false);
    const activities = createActivities(t.db);
    await activities.recordProblem(write(ledger, snapshot(ledger, 3, { status: 'planning', version: 1 }), [entry(1, 'claim', 'assigned', 'planning')]));
    const note = { dedupeKey: 'action:1', kind: 'claimed', title: '已认领', body: '问题3已认领', recipients: [{ id: 'vp', name: '何副院长' }] };
    const input = { campaignId: 'act-2', problemNo: 3, workflowId: 'rectify/act-2/problem/3', notifications: [note] };
    expect(await activities.notify(input)).toBe(1);
    expect(await activities.notify(input)).toBe(0);
    const { rows } = await t.db.query('select status, version, last_action from problems where campaign_id = $1 and no = 3', ['act-2']);
    expect(rows).toEqual([{ status: 'planning', version: 1, last_action: 'claim' }]);
  });
});
