import { myTasks, type MyTasksParams } from '../../db/queries/my-tasks';
import { loadDesk, P, TODAY } from './desk-fixtures';
import { migratedPg, TestDb } from './pg';

// 我的任务 on the hand-built campaign of desk-fixtures.ts (see its table).
let t: TestDb;
const ID = 'desk-tasks';
beforeAll(async () => {
  t = await migratedPg();
  await loadDesk(t, 'desk-tasks-other'); // the same problems in another campaign: must never show up
  await loadDesk(t, ID);
});
afterAll(async () => t?.close());

const FIN = { kind: 'department', department: '财务科' } as const;
const MED = { kind: 'department', department: '医务科' } as const;
const tasks = (p: Partial<MyTasksParams> & Pick<MyTasksParams, 'scope' | 'role' | 'personId'>) =>
  myTasks(t.db, { campaignId: ID, today: TODAY, extensionApprover: 'head', ...p });
const at = (s: string) => new Date(s);

describe('myTasks for a department', () => {
  test('财务科: problems to claim and to plan, nearest deadline first, with days left', async () => {
    const r = await tasks({ scope: FIN, role: 'dept_owner', personId: 'fin-head' });
    expect(r.toClaim).toEqual({
      total: 2,
      items: [
        { no: 16, title: '测试问题16', kind: 'time-bound', owner: 'fin-head', ownerName: '郑科长', deadline: '2025-04-01', daysLeft: -9, warning: 'none', lastActionAt: null },
        { no: 1, title: '测试问题1', kind: 'time-bound', owner: 'fin-head', ownerName: '郑科长', deadline: '2025-04-20', daysLeft: 10, warning: 'none', lastActionAt: null },
      ],
    });
    expect(r.toPlan).toEqual({
      total: 1,
      items: [{ no: 3, title: '测试问题3', kind: 'time-bound', owner: 'fin-head', ownerName: '郑科长', deadline: '2025-04-25', daysLeft: 15, warning: 'none', lastActionAt: at('2025-04-03T02:00:00Z') }],
    });
    expect(r.waitingForMe).toEqual({ items: [], total: 0 });
  });

  test('财务科: open measures of problems in progress, overdue first', async () => {
    const r = await tasks({ scope: FIN, role: 'dept_member', personId: 'fin-2' });
    expect(r.measuresDue).toEqual({
      total: 4,
      items: [
        { no: 4, title: '测试问题4', measureId: 'M2', text: '措施（2025-04-05）', owner: 'fin-head', ownerName: '郑科长', due: '2025-04-05', daysLeft: -5 },
        { no: 4, title: '测试问题4', measureId: 'M3', text: '措施（2025-04-15）', owner: 'fin-2', ownerName: '冯会计', due: '2025-04-15', daysLeft: 5 },
        { no: 11, title: '测试问题11', measureId: 'M1', text: '措施（2025-04-20）', owner: 'fin-head', ownerName: '郑科长', due: '2025-04-20', daysLeft: 10 },
        { no: 14, title: '测试问题14', measureId: 'M2', text: '措施（2025-06-01）', owner: 'fin-2', ownerName: '冯会计', due: '2025-06-01', daysLeft: 52 },
      ],
    });
  });

  test('returned: the latest entry by a person is a return or refusal; reminders do not hide it, an answer does', async () => {
    const fin = await tasks({ scope: FIN, role: 'dept_owner', personId: 'fin-head' });
    expect(fin.returned).toEqual({
      total: 3,
      items: [
        { no: 11, title: '测试问题11', action: 'decideExtension', reason: '理由不充分', at: at('2025-04-06T02:00:00Z'), by: P.sec },
        { no: 4, title: '测试问题4', action: 'reviewClosure', reason: '佐证材料不足', at: at('2025-04-04T02:00:00Z'), by: P.dean },
        { no: 3, title: '测试问题3', action: 'decidePlan', reason: '措施不够具体', at: at('2025-04-02T02:00:00Z'), by: P.dean },
      ],
    });
    // 12: an approved extension with a reason is no refusal; 14: answered by completing a measure.
    const med = await tasks({ scope: MED, role: 'dept_owner', personId: 'med-head' });
    expect(med.returned).toEqual({
      total: 1,
      items: [{ no: 13, title: '测试问题13', action: 'approveClosure', reason: '成效不明显', at: at('2025-04-02T02:00:00Z'), by: P.sec }],
    });
  });

  test('医务科 sees only its own problems in every list', async () => {
    const r = await tasks({ scope: MED, role: 'dept_member', personId: 'med-head' });
    expect(r.toClaim.items.map((x) => x.no)).toEqual([2]);
    expect(r.toPlan.items.map((x) => [x.no, x.kind, x.deadline, x.daysLeft])).toEqual([[15, 'long-term', null, null]]);
    expect(r.measuresDue.items.map((x) => [x.no, x.measureId, x.daysLeft])).toEqual([[12, 'M1', -2], [5, 'M1', 2]]);
    expect(r.waitingForMe.total).toBe(0);
  });

  test('lists are capped, with the total before the cap', async () => {
    const r = await tasks({ scope: FIN, role: 'dept_owner', personId: 'fin-head', limit: 1 });
    expect(r.measuresDue.total).toBe(4);
    expect(r.measuresDue.items.map((x) => x.measureId)).toEqual(['M2']);
    expect(r.returned.items.map((x) => x.no)).toEqual([11]);
    expect(r.returned.total).toBe(3);
  });
});

describe('myTasks for the deciders', () => {
  const EMPTY = { items: [], total: 0 };
  test('a leader: plans and closures to review in their own remit only, no department lists', async () => {
    const dean = await tasks({ scope: { kind: 'leader', personId: 'dean' }, role: 'leader', personId: 'dean' });
    expect(dean).toEqual({
      toClaim: EMPTY, toPlan: EMPTY, measuresDue: EMPTY, returned: EMPTY,
      waitingForMe: { total: 1, items: [{ no: 6, title: '测试问题6', department: '财务科', status: 'plan_review', kind: 'plan', since: at('2025-03-18T02:00:00Z') }] },
    });
    const vp = await tasks({ scope: { kind: 'leader', personId: 'vp' }, role: 'leader', personId: 'vp' });
    expect(vp.waitingForMe.items).toEqual([{ no: 7, title: '测试问题7', department: '医务科', status: 'leader_review', kind: 'closure-review', since: at('2025-04-03T03:00:00Z') }]);
    // Even with a wider scope a leader only decides in their own remit.
    const wide = await tasks({ scope: { kind: 'all' }, role: 'leader', personId: 'vp' });
    expect(wide.waitingForMe.items.map((x) => x.no)).toEqual([7]);
  });

  test('the head: final approvals, pending extensions when the head approves them, and plans as a responsible leader', async () => {
    const head = await tasks({ scope: { kind: 'all' }, role: 'head', personId: 'sec' });
    expect(head.waitingForMe).toEqual({
      total: 3,
      items: [
        { no: 17, title: '测试问题17', department: '医务科', status: 'plan_review', kind: 'plan', since: at('2025-04-04T02:00:00Z') },
        { no: 9, title: '测试问题9', department: '医务科', status: 'head_approval', kind: 'final-approval', since: at('2025-04-06T02:00:00Z') },
        { no: 5, title: '测试问题5', department: '医务科', status: 'in_progress', kind: 'extension', since: at('2025-04-08T02:00:00Z') },
      ],
    });
    expect(head.toClaim).toEqual(EMPTY);
    const notHis = await tasks({ scope: { kind: 'all' }, role: 'head', personId: 'sec', extensionApprover: 'office' });
    expect(notHis.waitingForMe.items.map((x) => x.kind)).toEqual(['plan', 'final-approval']);
  });

  test('the office: verifications, and pending extensions when the office approves them', async () => {
    const office = await tasks({ scope: { kind: 'all' }, role: 'office', personId: 'clerk', extensionApprover: 'office' });
    expect(office.waitingForMe).toEqual({
      total: 2,
      items: [
        { no: 8, title: '测试问题8', department: '财务科', status: 'office_verification', kind: 'verification', since: at('2025-04-05T02:00:00Z') },
        { no: 5, title: '测试问题5', department: '医务科', status: 'in_progress', kind: 'extension', since: at('2025-04-08T02:00:00Z') },
      ],
    });
    const noExtensions = await tasks({ scope: { kind: 'all' }, role: 'office', personId: 'clerk' });
    expect(noExtensions.waitingForMe.items.map((x) => x.no)).toEqual([8]);
    expect((await tasks({ scope: { kind: 'all' }, role: 'admin', personId: 'root' })).waitingForMe).toEqual(EMPTY);
  });
});
