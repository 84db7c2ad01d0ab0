import { queryLedger } from '../../db/queries/ledger';
import { campaignOverview } from '../../db/queries/overview';
import type { LedgerScope } from '../../domain/permissions';
import { loadDesk, TODAY } from './desk-fixtures';
import { migratedPg, TestDb } from './pg';

// 总览 on the hand-built campaign of desk-fixtures.ts (see its table).
let t: TestDb;
const ID = 'desk-overview';
beforeAll(async () => {
  t = await migratedPg();
  await loadDesk(t, ID);
  await loadDesk(t, 'desk-overview-other');
});
afterAll(async () => t?.close());

const ALL: LedgerScope = { kind: 'all' };
const MED: LedgerScope = { kind: 'department', department: '医务科' };
const overview = (scope: LedgerScope, today = TODAY) => campaignOverview(t.db, { campaignId: ID, today, scope });

describe('campaignOverview', () => {
  test('counts by status and by department (byte order, as collate "C": 医 U+533B before 财 U+8D22)', async () => {
    const o = await overview(ALL);
    expect(o?.byStatus).toEqual({
      assigned: 3, planning: 2, plan_review: 2, in_progress: 6, leader_review: 1, office_verification: 1, head_approval: 1, phase_complete: 0, closed: 1,
    });
    expect(o?.byDepartment).toEqual([
      { department: '医务科', total: 8, closed: 0, open: 8, overdue: 1, yellow: 1, red: 1 },
      { department: '财务科', total: 9, closed: 1, open: 8, overdue: 3, yellow: 1, red: 1 },
    ]);
  });

  test('the overdue heatmap: by department and by the Monday of the week the deadline fell in', async () => {
    // 6 (03-20, week of 03-17), 4 (03-31) and 16 (04-01) in the week of 03-31; 5 (04-02) too; 7 waits in review.
    expect((await overview(ALL))?.overdueHeatmap).toEqual({
      weeks: ['2025-03-17', '2025-03-24', '2025-03-31'],
      departments: ['医务科', '财务科'],
      cells: [
        { department: '财务科', week: '2025-03-17', count: 1 },
        { department: '医务科', week: '2025-03-31', count: 1 },
        { department: '财务科', week: '2025-03-31', count: 2 },
      ],
    });
    expect((await overview(ALL, '2025-03-01'))?.overdueHeatmap).toEqual({ weeks: [], departments: [], cells: [] });
  });

  test('a heatmap cell opens the same problems in the ledger (department, overdue, deadline within the week)', async () => {
    const cell = (department: string, deadlineFrom: string, deadlineTo: string) =>
      queryLedger(t.db, { campaignId: ID, today: TODAY, department, overdue: true, deadlineFrom, deadlineTo }).then((r) => r.rows.map((x) => x.no));
    expect(await cell('财务科', '2025-03-31', '2025-04-06')).toEqual([4, 16]);
    expect(await cell('医务科', '2025-03-31', '2025-04-06')).toEqual([5]);
    expect(await cell('财务科', '2025-03-17', '2025-03-23')).toEqual([6]);
    // Both bounds inclusive.
    expect(await cell('财务科', '2025-04-01', '2025-04-06')).toEqual([16]);
    expect(await cell('财务科', '2025-03-20', '2025-03-31')).toEqual([4, 6]);
    const { rows } = await queryLedger(t.db, { campaignId: ID, today: TODAY, deadlineFrom: '2025-06-30' });
    expect(rows.map((x) => x.no)).toEqual([13, 14]);
  });

  test('due soon: today to today+14 inclusive, only while the department still has to act', async () => {
    // 12 due today, 1 in 10 days, 2 on day 14; 3 on day 15 is out; 8 (04-15) waits in verification.
    expect((await overview(ALL))?.dueSoon).toEqual({
      total: 3,
      items: [
        { no: 12, title: '测试问题12', department: '医务科', deadline: '2025-04-10', daysLeft: 0, status: 'in_progress' },
        { no: 1, title: '测试问题1', department: '财务科', deadline: '2025-04-20', daysLeft: 10, status: 'assigned' },
        { no: 2, title: '测试问题2', department: '医务科', deadline: '2025-04-24', daysLeft: 14, status: 'assigned' },
      ],
    });
    expect((await overview(ALL, '2025-04-11'))?.dueSoon.items.map((x) => x.no)).toEqual([1, 2, 3]);
  });

  test('the period: days of the concentrated period and the figures so far', async () => {
    expect((await overview(ALL))?.period).toEqual({
      feedbackDate: '2024-12-20', concentratedPeriodEnd: '2025-03-20', today: TODAY, daysTotal: 90, daysElapsed: 90,
      problems: 17, closed: 1, measures: 19, measuresDone: 7,
    });
    expect((await overview(ALL, '2025-01-19'))?.period.daysElapsed).toBe(30);
    expect((await overview(ALL, '2024-12-01'))?.period.daysElapsed).toBe(0);
  });

  test('narrowed to a department or a leader, nothing of another remit shows', async () => {
    const o = await overview(MED);
    expect(o?.byDepartment.map((d) => d.department)).toEqual(['医务科']);
    expect(o?.byStatus).toEqual({
      assigned: 1, planning: 1, plan_review: 1, in_progress: 3, leader_review: 1, office_verification: 0, head_approval: 1, phase_complete: 0, closed: 0,
    });
    expect(o?.overdueHeatmap).toEqual({ weeks: ['2025-03-31'], departments: ['医务科'], cells: [{ department: '医务科', week: '2025-03-31', count: 1 }] });
    expect(o?.dueSoon.items.map((x) => x.no)).toEqual([12, 2]);
    expect(o?.period).toMatchObject({ problems: 8, closed: 0, measures: 7, measuresDone: 3 });
    // Problems 13 and 17 are 医务科's but the dean's and the head's.
    const vp = await overview({ kind: 'leader', personId: 'vp' });
    expect(vp?.byDepartment).toEqual([{ department: '医务科', total: 6, closed: 0, open: 6, overdue: 1, yellow: 1, red: 1 }]);
  });

  test('an unknown campaign is null', async () => {
    expect(await campaignOverview(t.db, { campaignId: 'nope', today: TODAY, scope: ALL })).toBeNull();
  });
});
