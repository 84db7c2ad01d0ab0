import { getCampaign } from '../../db/queries/get-campaign';
import { insertCampaign, ledgerHash } from '../../db/queries/insert-campaign';
import { queryLedger, type LedgerQuery } from '../../db/queries/ledger';
import { recordProblem } from '../../db/queries/record-problem';
import type { CampaignLedger } from '../../domain/schemas';
import { scenario, testLedger } from './fixtures';
import { migratedPg, TestDb } from './pg';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

/** Everything stored for one campaign, to show that a refused load changed nothing. */
async function dump(id: string): Promise<unknown> {
  const rows = async (table: string, order: string) =>
    (await t.db.query(`select * from ${table} where ${table === 'campaigns' ? 'id' : 'campaign_id'} = $1 order by ${order}`, [id])).rows;
  return {
    campaigns: await rows('campaigns', 'id'),
    people: await rows('people', 'id'),
    departments: await rows('departments', 'name'),
    aspects: await rows('aspects', 'no'),
    problems: await rows('problems', 'no'),
    measures: await rows('measures', 'problem_no, id'),
  };
}

describe('insertCampaign', () => {
  test('loads campaign, directory, problems and ledger measures; loading the same ledger again is a no-op', async () => {
    const ledger = testLedger({ id: 'load-1' });
    expect(await insertCampaign(t.db, ledger)).toEqual({ created: true });
    const before = await dump('load-1');
    // Same content, fields written in another order: same hash, still a no-op.
    const reordered = Object.fromEntries(Object.entries(ledger).reverse()) as CampaignLedger;
    expect(ledgerHash(reordered)).toBe(ledgerHash(ledger));
    expect(await insertCampaign(t.db, reordered)).toEqual({ created: false });
    expect(await dump('load-1')).toEqual(before);

    const { rows: problems } = await t.db.query('select no, status, version, workflow_id, deadline from problems where campaign_id = $1 order by no', ['load-1']);
    expect(problems).toEqual([
      { no: 1, status: 'assigned', version: -1, workflow_id: 'rectify/load-1/problem/1', deadline: '2025-03-31' },
      { no: 2, status: 'assigned', version: -1, workflow_id: 'rectify/load-1/problem/2', deadline: '2025-01-15' },
      { no: 3, status: 'assigned', version: -1, workflow_id: 'rectify/load-1/problem/3', deadline: null },
      { no: 4, status: 'closed', version: -1, workflow_id: 'rectify/load-1/problem/4', deadline: '2024-12-31' },
    ]);
    const { rows: measures } = await t.db.query('select problem_no, id, owner, due, done from measures where campaign_id = $1 order by problem_no, id', ['load-1']);
    expect(measures).toEqual([
      { problem_no: 1, id: 'M1', owner: 'fin-head', due: '2025-02-28', done: false },
      { problem_no: 1, id: 'M2', owner: 'fin-2', due: '2025-03-15', done: false },
      { problem_no: 2, id: 'M1', owner: 'med-head', due: '2025-01-10', done: false },
      { problem_no: 4, id: 'M1', owner: 'fin-2', due: '2024-12-31', done: true },
    ]);
  });

  test('a different ledger under the same id is refused with a clear Chinese message, and nothing changes', async () => {
    const ledger = testLedger({ id: 'load-2' });
    await insertCampaign(t.db, ledger);
    const before = await dump('load-2');
    const changed = { ...ledger, problems: ledger.problems.map((p) => (p.no === 3 ? { ...p, title: '医德医风教育流于形式' } : p)) };
    await expect(insertCampaign(t.db, changed)).rejects.toThrow('巡察整改 load-2 已存在且内容不同');
    await expect(insertCampaign(t.db, { ...ledger, name: '另一轮整改' })).rejects.toThrow('已存在且内容不同');
    expect(await dump('load-2')).toEqual(before);
  });

  test('all or nothing: a ledger that fails half-way leaves no rows behind', async () => {
    // Bypasses validation on purpose: problem 2's owner is not in the directory, so its insert fails
    // after the campaign, people and problem rows before it were written.
    const ledger = testLedger({ id: 'load-3' });
    const broken = { ...ledger, problems: ledger.problems.map((p) => (p.no === 2 ? { ...p, owner: 'nobody' } : p)) };
    await expect(insertCampaign(t.db, broken)).rejects.toThrow(/foreign key/);
    expect(await dump('load-3')).toEqual({ campaigns: [], people: [], departments: [], aspects: [], problems: [], measures: [] });
    expect(await insertCampaign(t.db, ledger)).toEqual({ created: true });
  });

  test('getCampaign returns the campaign with its directory; null when unknown', async () => {
    const ledger = testLedger({ id: 'get-1' });
    await insertCampaign(t.db, ledger);
    const c = await getCampaign(t.db, 'get-1');
    expect(c?.campaign).toMatchObject({
      id: 'get-1', organisation: '青城市人民医院', inspectionStart: '2024-09-02', feedbackDate: '2024-12-20', concentratedPeriodEnd: '2025-03-20',
      leadingGroup: ledger.leadingGroup, policy: { redAfterDays: 5 }, ledgerHash: ledgerHash(ledger),
    });
    expect(c?.departments.sort()).toEqual(['医务科', '财务科'].sort());
    expect(c?.people).toHaveLength(7);
    expect(c?.people.find((p) => p.id === 'fin-2')).toEqual({ id: 'fin-2', name: '冯会计', title: null, department: '财务科' });
    expect(c?.aspects).toEqual(ledger.aspects);
    expect(await getCampaign(t.db, 'no-such')).toBeNull();
  });
});

describe('queryLedger (the ledger read model)', () => {
  const id = 'list-1';
  beforeAll(async () => {
    const ledger = testLedger({ id });
    await insertCampaign(t.db, ledger);
    await insertCampaign(t.db, testLedger({ id: 'list-other' })); // must never leak into list-1
    for (const w of scenario(ledger)) await recordProblem(t.db, w);
  });
  const nos = async (p: Partial<LedgerQuery>) => (await queryLedger(t.db, { campaignId: id, today: '2025-01-01', ...p })).rows.map((r) => r.no);

  test('all problems in number order, with measure counts and outcome sums', async () => {
    const { rows } = await queryLedger(t.db, { campaignId: id, today: '2025-01-01' });
    expect(rows.map((r) => [r.no, r.status, r.measuresDone, r.measuresTotal])).toEqual([
      [1, 'in_progress', 1, 2],
      [2, 'leader_review', 1, 1],
      [3, 'in_progress', 0, 0],
      [4, 'closed', 1, 1],
    ]);
    expect(rows[0]).toMatchObject({
      campaignId: id, aspectNo: 1, kind: 'time-bound', department: '财务科', owner: 'fin-head', responsibleLeader: 'dean',
      deadline: '2025-03-31', version: 3, lastAction: 'decidePlan', regulations: 2, fundsRecoveredWan: 12.35, admonishment: 1,
      partyDiscipline: 0, orderedSelfCriticism: 0, workflowId: `rectify/${id}/problem/1`,
    });
    expect(rows[1]).toMatchObject({ partyDiscipline: 2, orderedSelfCriticism: 3, fundsRecoveredWan: 0.5, lastAction: 'step4' });
    expect(rows[2]).toMatchObject({ lastAction: 'reportProgress', regulations: 0, fundsRecoveredWan: 0 });
  });

  test('filters by status and department, alone and together', async () => {
    expect(await nos({ status: ['in_progress'] })).toEqual([1, 3]);
    expect(await nos({ status: ['closed'] })).toEqual([4]);
    expect(await nos({ status: ['closed', 'leader_review'] })).toEqual([2, 4]);
    expect(await nos({ department: '财务科' })).toEqual([1, 4]);
    expect(await nos({ department: '医务科', status: ['in_progress'] })).toEqual([3]);
    expect(await nos({ department: '党办' })).toEqual([]);
  });

  test('overdue: deadline before today while the department still has to act', async () => {
    expect(await nos({ overdue: true, today: '2025-01-15' })).toEqual([]); // problem 2 is due that very day
    // Problem 2's deadline has passed but it waits in closure review; problem 4 is closed.
    expect(await nos({ overdue: true, today: '2025-01-16' })).toEqual([]);
    expect(await nos({ overdue: true, today: '2025-03-31' })).toEqual([]);
    expect(await nos({ overdue: true, today: '2025-04-01' })).toEqual([1]);
    expect(await nos({ overdue: true, today: '2025-04-01', department: '医务科' })).toEqual([]);
  });
});
