import { addDays, shanghaiDate } from '../../domain/dates';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { addAdmin, logins } from './desk-helpers';

// 我的任务, 总览 and the header bell over real HTTP: each answers within the signed-in user's remit,
// and refuses roles it is not for.

let desk: DeskHarness;
const id = uniqueId('pages');
const today = shanghaiDate(Date.now());
let fin: Session, hr: Session, vp1: Session, office: Session, head: Session;
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  [fin, hr, vp1, office, head] = await logins(desk, ['fin1', 'hr1', 'vp1', 'office1', 'head']);
});
afterAll(async () => desk?.close());

const nos = (list: { items: { no: number }[] }) => list.items.map((x) => x.no);

describe('GET /api/campaigns/:id/tasks', () => {
  test('a department sees what it must claim, then plan, then the measures falling due; the leader what waits for them', async () => {
    const first = await fin.get(`/api/campaigns/${id}/tasks`);
    expect(first.status).toBe(200);
    expect(first.body.toClaim).toMatchObject({ total: 1, items: [{ no: 1, title: '财务报销审核不严', ownerName: '钱科长', deadline: addDays(today, 60), daysLeft: 60, warning: 'none' }] });
    expect(first.body).toMatchObject({ toPlan: { total: 0 }, measuresDue: { total: 0 }, returned: { total: 0 }, waitingForMe: { total: 0 } });
    expect(nos((await hr.get(`/api/campaigns/${id}/tasks`)).body.toClaim)).toEqual([2, 3]);

    await fin.post(`/api/campaigns/${id}/problems/1/actions/claim`);
    await eventually(async () => expect(nos((await fin.get(`/api/campaigns/${id}/tasks`)).body.toPlan)).toEqual([1]));
    await fin.post(`/api/campaigns/${id}/problems/1/actions/submitPlan`);
    await eventually(async () => {
      const waiting = (await vp1.get(`/api/campaigns/${id}/tasks`)).body.waitingForMe;
      expect(waiting).toMatchObject({ total: 1, items: [{ no: 1, department: '财务科', status: 'plan_review', kind: 'plan' }] });
      expect(Date.parse(waiting.items[0].since)).toBeGreaterThan(Date.now() - 60_000);
    });
    // The other leader's remit holds nothing of it.
    const vp2 = await desk.login('vp2');
    expect((await vp2.get(`/api/campaigns/${id}/tasks`)).body.waitingForMe.total).toBe(0);

    await vp1.post(`/api/campaigns/${id}/problems/1/actions/decidePlan`, { approve: true });
    await eventually(async () =>
      expect((await fin.get(`/api/campaigns/${id}/tasks`)).body.measuresDue).toEqual({
        total: 1,
        items: [{ no: 1, title: '财务报销审核不严', measureId: 'M1', text: '修订报销管理办法', owner: 'fin1', ownerName: '钱科长', due: addDays(today, 40), daysLeft: 40 }],
      }),
    );
  });

  test('refusals: the administrator sees no problem data (403); an unknown campaign is 404; a bad id is 400', async () => {
    const admin = await addAdmin(desk);
    expect(await admin.get(`/api/campaigns/${id}/tasks`)).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });
    expect(await fin.get('/api/campaigns/no-such-campaign/tasks')).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
    const bad = await fin.get('/api/campaigns/%E4%B8%AD/tasks');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'InvalidInput', fields: [{ path: 'id' }] } } });
    expect(await desk.anonymous().get(`/api/campaigns/${id}/tasks`)).toMatchObject({ status: 401 });
  });
});

describe('GET /api/campaigns/:id/overview', () => {
  test('the office and the head get counts, departments, the heatmap, what falls due and the period', async () => {
    for (const s of [office, head]) {
      const r = await s.get(`/api/campaigns/${id}/overview`);
      expect(r.status).toBe(200);
      expect(Object.values(r.body.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
      expect(r.body.byDepartment.map((d: { department: string; total: number }) => [d.department, d.total])).toEqual([['人事科', 2], ['财务科', 1]]);
      expect(r.body.overdueHeatmap).toEqual({ weeks: [], departments: [], cells: [] });
      expect(r.body.period).toMatchObject({ feedbackDate: addDays(today, -30), concentratedPeriodEnd: addDays(today, 90), today, daysTotal: 120, daysElapsed: 30, problems: 3 });
      expect(r.body.dueSoon).toEqual({ items: [], total: 0 });
    }
  });

  test('everyone else: 403; an unknown campaign: 404', async () => {
    for (const s of [fin, hr, vp1]) expect(await s.get(`/api/campaigns/${id}/overview`)).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });
    expect(await office.get('/api/campaigns/nope/overview')).toMatchObject({ status: 404 });
  });
});

describe('the header bell', () => {
  test('a person lists their own notifications, newest first, and marks them read; nobody marks another person’s', async () => {
    await office.post(`/api/campaigns/${id}/reminders`, { nos: [2], text: '请本周内完成档案整理' });
    const bell = await eventually(async () => {
      const r = await hr.get(`/api/notifications?campaignId=${id}&limit=10`);
      expect(r.body.items).toHaveLength(1);
      return r.body;
    });
    expect(bell).toMatchObject({ unreadCount: 1, items: [{ campaignId: id, problemNo: 2, kind: 'manual-reminder', body: '请本周内完成档案整理', readAt: null }] });
    const nid = bell.items[0].id;
    // fin1 is not a recipient: marking hr1's notification changes nothing.
    expect((await fin.post('/api/notifications/read', { ids: [nid] })).body).toEqual({ marked: 0 });
    expect((await hr.post('/api/notifications/read', { ids: [nid] })).body).toEqual({ marked: 1 });
    const after = (await hr.get(`/api/notifications?campaignId=${id}`)).body;
    expect(after.unreadCount).toBe(0);
    expect(Date.parse(after.items[0].readAt)).toBeGreaterThan(0);
    expect((await hr.post('/api/notifications/read', { ids: 'all' })).body).toEqual({ marked: 0 });
    const audit = await desk.h.db.query<{ username: string; detail: { marked: number } }>("select username, detail from desk_audit where kind = 'notifications-read'");
    expect(audit.rows).toEqual([{ username: 'hr1', detail: { marked: 1, ids: 1 } }]);
  });

  test('bad input: 400 with the field named', async () => {
    expect(await hr.get('/api/notifications?limit=0')).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'limit' }] } } });
    expect(await hr.get('/api/notifications?foo=1')).toMatchObject({ status: 400 });
    expect(await hr.post('/api/notifications/read', { ids: [] })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'ids' }] } } });
    expect(await hr.post('/api/notifications/read', { ids: ['x'] })).toMatchObject({ status: 400 });
  });
});
