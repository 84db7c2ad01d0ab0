import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertNotifications } from '../../db/queries/insert-notifications';
import { listNotifications } from '../../db/queries/list-notifications';
import { recordProblem } from '../../db/queries/record-problem';
import type { NotifyInput } from '../../db/queries/insert-notifications';
import { doneMeasure, entry, fileEvidence, snapshot, testLedger, textEvidence, write } from './fixtures';
import { migratedPg, TestDb } from './pg';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

/** The problem's whole projection: row, measures, evidence, progress reports, audit trail. */
async function projection(campaignId: string, no: number): Promise<unknown> {
  const q = async (sql: string) => (await t.db.query(sql, [campaignId, no])).rows;
  return {
    problem: await q('select * from problems where campaign_id = $1 and no = $2'),
    measures: await q('select * from measures where campaign_id = $1 and problem_no = $2 order by id'),
    evidence: await q('select * from evidence where campaign_id = $1 and problem_no = $2 order by measure_id, seq'),
    progress: await q('select * from progress_reports where campaign_id = $1 and problem_no = $2 order by seq'),
    audit: await q('select * from audit where campaign_id = $1 and problem_no = $2 order by seq'),
  };
}

describe('recordProblem', () => {
  test('the same write twice (an activity retry) stores the state and the audit rows once', async () => {
    const ledger = testLedger({ id: 'rec-1' });
    await insertCampaign(t.db, ledger);
    const input = write(ledger, snapshot(ledger, 1, { status: 'planning', version: 1 }), [entry(1, 'claim', 'assigned', 'planning')]);
    expect(await recordProblem(t.db, input)).toEqual({ updated: true, auditInserted: 1 });
    const once = await projection('rec-1', 1);
    expect(await recordProblem(t.db, input)).toEqual({ updated: false, auditInserted: 0 });
    expect(await projection('rec-1', 1)).toEqual(once);
    const { rows } = await t.db.query('select seq, action, actor_id, before, after from audit where workflow_id = $1', [input.workflowId]);
    expect(rows).toEqual([
      { seq: 1, action: 'claim', actor_id: 'fin-head', before: { status: 'assigned', deadline: '2025-03-31', warning: 'none' }, after: { status: 'planning', deadline: '2025-03-31', warning: 'none' } },
    ]);
    const { rows: [p] } = await t.db.query<{ status: string; version: number; last_action: string; last_action_at: Date }>(
      'select status, version, last_action, last_action_at from problems where campaign_id = $1 and no = 1', ['rec-1']);
    expect(p).toEqual({ status: 'planning', version: 1, last_action: 'claim', last_action_at: new Date(input.audit[0]!.at) });
  });

  test('an older version arriving after a newer one changes nothing', async () => {
    const ledger = testLedger({ id: 'rec-2' });
    await insertCampaign(t.db, ledger);
    const base = snapshot(ledger, 1);
    const v1 = write(ledger, snapshot(ledger, 1, { status: 'planning', version: 1 }), [entry(1, 'claim', 'assigned', 'planning')]);
    const m1 = doneMeasure(base.measures[0]!, { regulations: 1, fundsRecoveredWan: 3.2 }, [fileEvidence('制度.pdf', 1024), textEvidence('已印发')]);
    const v4 = write(
      ledger,
      snapshot(ledger, 1, {
        status: 'in_progress', version: 4, warning: 'yellow', deadline: '2025-04-30',
        pendingExtension: { by: { id: 'fin-head', name: '郑科长' }, until: '2025-05-31', reason: '审计未完成', at: '2025-03-01T02:00:00.000Z' },
        measures: [m1, base.measures[1]!],
      }),
      [entry(1, 'claim', 'assigned', 'planning'), entry(2, 'submitPlan', 'planning', 'plan_review'), entry(3, 'decidePlan', 'plan_review', 'in_progress'), entry(4, 'completeMeasure', 'in_progress', 'in_progress')],
    );
    await recordProblem(t.db, v4);
    const newest = await projection('rec-2', 1);
    expect(await recordProblem(t.db, v1)).toEqual({ updated: false, auditInserted: 0 });
    expect(await projection('rec-2', 1)).toEqual(newest);

    const { rows: [p] } = await t.db.query('select status, version, warning, deadline, original_deadline, pending_extension, last_action from problems where campaign_id = $1 and no = 1', ['rec-2']);
    expect(p).toEqual({
      status: 'in_progress', version: 4, warning: 'yellow', deadline: '2025-04-30', original_deadline: '2025-03-31',
      pending_extension: { by: { id: 'fin-head', name: '郑科长' }, until: '2025-05-31', reason: '审计未完成', at: '2025-03-01T02:00:00.000Z' },
      last_action: 'completeMeasure',
    });
    const { rows: evidence } = await t.db.query('select measure_id, seq, kind, name, size, text from evidence where campaign_id = $1 order by measure_id, seq', ['rec-2']);
    expect(evidence).toEqual([
      { measure_id: 'M1', seq: 1, kind: 'file', name: '制度.pdf', size: 1024, text: null },
      { measure_id: 'M1', seq: 2, kind: 'text', name: null, size: null, text: '已印发' },
    ]);
  });

  test('a newer version replaces measures, evidence and progress reports as a whole', async () => {
    const ledger = testLedger({ id: 'rec-3' });
    await insertCampaign(t.db, ledger);
    const base = snapshot(ledger, 1);
    const report = { at: '2025-01-08T02:00:00.000Z', by: { id: 'fin-head', name: '郑科长' }, text: '已完成初稿' };
    await recordProblem(t.db, write(ledger, snapshot(ledger, 1, { version: 1, measures: [doneMeasure(base.measures[0]!), base.measures[1]!], progressReports: [report] })));
    const { rows: progress } = await t.db.query('select seq, by_name, text from progress_reports where campaign_id = $1', ['rec-3']);
    expect(progress).toEqual([{ seq: 1, by_name: '郑科长', text: '已完成初稿' }]);
    await recordProblem(t.db, write(ledger, snapshot(ledger, 1, { version: 2, measures: [base.measures[1]!] })));
    const { rows } = await t.db.query('select id, done from measures where campaign_id = $1 and problem_no = 1 order by id', ['rec-3']);
    expect(rows).toEqual([{ id: 'M2', done: false }]);
    const { rows: left } = await t.db.query(
      'select (select count(*) from evidence where campaign_id = $1) as evidence, (select count(*) from progress_reports where campaign_id = $1) as progress',
      ['rec-3'],
    );
    expect(left).toEqual([{ evidence: 0, progress: 0 }]);
  });

  test('audit rows can be neither updated nor deleted', async () => {
    const ledger = testLedger({ id: 'rec-4' });
    await insertCampaign(t.db, ledger);
    await recordProblem(t.db, write(ledger, snapshot(ledger, 2, { status: 'planning', version: 1 }), [entry(1, 'claim', 'assigned', 'planning')]));
    await expect(t.db.query("update audit set summary = '改过' where campaign_id = $1", ['rec-4'])).rejects.toThrow('审计记录只能追加');
    await expect(t.db.query('delete from audit where campaign_id = $1', ['rec-4'])).rejects.toThrow('审计记录只能追加');
    await expect(t.db.query('truncate audit cascade')).rejects.toThrow('审计记录只能追加');
    const { rows } = await t.db.query('select summary from audit where campaign_id = $1', ['rec-4']);
    expect(rows).toEqual([{ summary: 'claim: assigned → planning' }]);
  });
});

describe('notifications', () => {
  const input = (workflowId: string): NotifyInput => ({
    campaignId: 'note-1',
    problemNo: 1,
    workflowId,
    notifications: [
      { dedupeKey: 'yellow:2025-03-31', kind: 'warning-yellow', title: '黄牌预警', body: '已逾期1天', recipients: [{ id: 'fin-head', name: '郑科长' }, { id: 'dean', name: '林院长' }] },
      { dedupeKey: 'action:3', kind: 'plan-approved', title: '整改措施已批准', body: '请按措施推进', recipients: [{ id: 'fin-head', name: '郑科长' }] },
    ],
  });
  beforeAll(async () => {
    await insertCampaign(t.db, testLedger({ id: 'note-1' }));
  });

  test('notify twice (a retry) stores each row once and returns 0 the second time', async () => {
    expect(await insertNotifications(t.db, input('rectify/note-1/problem/1'))).toBe(3);
    expect(await insertNotifications(t.db, input('rectify/note-1/problem/1'))).toBe(0);
    const rows = await listNotifications(t.db, { campaignId: 'note-1' });
    expect(rows.map((r) => [r.dedupeKey, r.recipientId, r.kind])).toEqual([
      ['rectify/note-1/problem/1:yellow:2025-03-31', 'fin-head', 'warning-yellow'],
      ['rectify/note-1/problem/1:yellow:2025-03-31', 'dean', 'warning-yellow'],
      ['rectify/note-1/problem/1:action:3', 'fin-head', 'plan-approved'],
    ]);
    expect(rows[0]).toMatchObject({ recipientName: '郑科长', campaignId: 'note-1', problemNo: 1, workflowId: 'rectify/note-1/problem/1', title: '黄牌预警', readAt: null });
    expect(typeof rows[0]!.id).toBe('number');
  });

  test('the same key from another workflow is another notification; the inbox filters by recipient', async () => {
    expect(await insertNotifications(t.db, input('rectify/note-1/problem/2'))).toBe(3);
    expect((await listNotifications(t.db, { recipientId: 'dean' })).map((r) => r.workflowId)).toEqual(['rectify/note-1/problem/1', 'rectify/note-1/problem/2']);
    expect(await listNotifications(t.db, { recipientId: 'dean', campaignId: 'other' })).toEqual([]);
    expect(await listNotifications(t.db, { recipientId: 'fin-head', unread: true })).toHaveLength(4);
  });
});
