import { problemNotifications } from '../../db/queries/problem-notifications';
import { supervisionList, supervisionNotice } from '../../db/queries/supervision';
import type { LedgerScope } from '../../domain/permissions';
import { loadDesk, notify, notifyDesk, P, TODAY } from './desk-fixtures';
import { migratedPg, TestDb } from './pg';

// 督办中心 and the timeline's notifications on the hand-built campaign of desk-fixtures.ts.
let t: TestDb;
const ID = 'desk-sup';
const OTHER = 'desk-sup-other';
beforeAll(async () => {
  t = await migratedPg();
  await loadDesk(t, ID);
  await loadDesk(t, OTHER);
  await notifyDesk(t, ID, OTHER);
});
afterAll(async () => t?.close());

const list = (scope: LedgerScope = { kind: 'all' }) => supervisionList(t.db, { campaignId: ID, today: TODAY, scope });
const at = (s: string) => new Date(s);

describe('supervisionList', () => {
  test('red first, then by days overdue; numbered notices; every warning and manual reminder, per notification', async () => {
    expect(await list()).toEqual({
      total: 4,
      items: [
        {
          no: 4, title: '测试问题4', department: '财务科', responsibleLeader: P.dean, owner: P.fin, deadline: '2025-03-31', daysOverdue: 10, warning: 'red',
          noticeNo: 1, noticeDate: '2025-04-07',
          told: [
            { kind: 'warning-yellow', title: 'warning-yellow', recipients: [P.dean, P.fin], at: at('2025-04-01T01:00:00Z') },
            { kind: 'warning-red', title: 'warning-red', recipients: [P.sec, P.clerk], at: at('2025-04-07T01:00:00Z') },
            { kind: 'manual-reminder', title: 'manual-reminder', recipients: [P.fin, P.fin2], at: at('2025-04-08T01:00:00Z') },
          ],
        },
        {
          no: 5, title: '测试问题5', department: '医务科', responsibleLeader: P.vp, owner: P.med, deadline: '2025-04-02', daysOverdue: 8, warning: 'red',
          noticeNo: 2, noticeDate: '2025-04-09',
          told: [
            { kind: 'warning-yellow', title: 'warning-yellow', recipients: [P.vp, P.med], at: at('2025-04-03T01:00:00Z') },
            { kind: 'warning-red', title: 'warning-red', recipients: [P.sec, P.clerk], at: at('2025-04-08T17:00:00Z') },
          ],
        },
        {
          no: 6, title: '测试问题6', department: '财务科', responsibleLeader: P.dean, owner: P.fin, deadline: '2025-03-20', daysOverdue: 21, warning: 'yellow',
          noticeNo: null, noticeDate: null,
          told: [{ kind: 'warning-yellow', title: 'warning-yellow', recipients: [P.dean, P.fin], at: at('2025-03-21T01:00:00Z') }],
        },
        {
          // Waiting in closure review: not overdue as the ledger counts it.
          no: 7, title: '测试问题7', department: '医务科', responsibleLeader: P.vp, owner: P.med, deadline: '2025-03-10', daysOverdue: 0, warning: 'yellow',
          noticeNo: null, noticeDate: null,
          told: [{ kind: 'warning-yellow', title: 'warning-yellow', recipients: [P.vp, P.med], at: at('2025-03-11T01:00:00Z') }],
        },
      ],
    });
  });

  test('narrowed to a department or a leader', async () => {
    expect((await list({ kind: 'department', department: '医务科' })).items.map((r) => [r.no, r.noticeNo])).toEqual([[5, 2], [7, null]]);
    expect((await list({ kind: 'leader', personId: 'dean' })).items.map((r) => [r.no, r.noticeNo])).toEqual([[4, 1], [6, null]]);
    expect(await list({ kind: 'leader', personId: 'sec' })).toEqual({ items: [], total: 0 });
  });

  test('notice numbers are kept: a later red warning gets the next number, a second red warning of problem 4 changes nothing', async () => {
    await notify(t, ID, 6, 'red:2025-03-20', 'warning-red', [P.sec, P.clerk], '2025-04-10T01:00:00Z');
    await notify(t, ID, 4, 'red:2025-05-15', 'warning-red', [P.sec, P.clerk], '2025-05-22T01:00:00Z');
    await notify(t, OTHER, 1, 'red:2025-03-31', 'warning-red', [P.sec, P.clerk], '2025-04-10T02:00:00Z');
    await t.db.query("update problems set warning = 'red' where campaign_id = $1 and no = 6", [ID]);
    expect((await list()).items.map((r) => [r.no, r.noticeNo, r.noticeDate])).toEqual([[6, 3, '2025-04-10'], [4, 1, '2025-04-07'], [5, 2, '2025-04-09'], [7, null, null]]);
    expect(await supervisionNotice(t.db, { campaignId: ID, no: 4 })).toMatchObject({ noticeNo: 1, noticeDate: '2025-04-07' });
    expect(await supervisionNotice(t.db, { campaignId: OTHER, no: 1 })).toMatchObject({ noticeNo: 2, noticeDate: '2025-04-10' });
  });
});

describe('supervisionNotice', () => {
  test('the numbering facts of one problem, or null when no red warning was ever sent', async () => {
    expect(await supervisionNotice(t.db, { campaignId: ID, no: 5 })).toEqual({
      no: 5, noticeNo: 2, noticeDate: '2025-04-09', at: at('2025-04-08T17:00:00Z'), title: 'warning-red', body: 'warning-red：问题5', recipients: [P.sec, P.clerk],
    });
    expect(await supervisionNotice(t.db, { campaignId: ID, no: 7 })).toBeNull();
    expect(await supervisionNotice(t.db, { campaignId: ID, no: 99 })).toBeNull();
    expect(await supervisionNotice(t.db, { campaignId: ID, no: 5, scope: { kind: 'department', department: '财务科' } })).toBeNull();
    expect(await supervisionNotice(t.db, { campaignId: ID, no: 5, scope: { kind: 'leader', personId: 'vp' } })).toMatchObject({ noticeNo: 2 });
  });
});

describe('problemNotifications', () => {
  test('who was told what and when: one entry per notification with all its recipients, oldest first', async () => {
    expect(await problemNotifications(t.db, { campaignId: ID, no: 5 })).toEqual([
      { kind: 'warning-yellow', title: 'warning-yellow', body: 'warning-yellow：问题5', at: at('2025-04-03T01:00:00Z'), recipients: [P.vp, P.med] },
      { kind: 'warning-red', title: 'warning-red', body: 'warning-red：问题5', at: at('2025-04-08T17:00:00Z'), recipients: [P.sec, P.clerk] },
    ]);
    expect((await problemNotifications(t.db, { campaignId: ID, no: 4 })).map((n) => n.kind)).toEqual(['reminder', 'warning-yellow', 'warning-red', 'manual-reminder', 'warning-red']);
    expect(await problemNotifications(t.db, { campaignId: OTHER, no: 4 })).toEqual([]);
  });

  test('outside the reader remit there is nothing to show', async () => {
    expect(await problemNotifications(t.db, { campaignId: ID, no: 5, scope: { kind: 'department', department: '财务科' } })).toEqual([]);
    expect(await problemNotifications(t.db, { campaignId: ID, no: 5, scope: { kind: 'department', department: '医务科' } })).toHaveLength(2);
  });
});
