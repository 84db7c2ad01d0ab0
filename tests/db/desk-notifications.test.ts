import { markNotificationsRead, myNotifications } from '../../db/queries/my-notifications';
import { loadDesk, notifyDesk } from './desk-fixtures';
import { migratedPg, TestDb } from './pg';

// The header bell on the notifications of desk-fixtures.ts: 郑科长 (fin-head) was told of problem
// 6's and 4's yellow warnings, 4's reminder and 4's manual reminder; 冯会计 (fin-2) of 4's reminders.
let t: TestDb;
const ID = 'desk-bell';
const OTHER = 'desk-bell-other';
beforeAll(async () => {
  t = await migratedPg();
  await loadDesk(t, ID);
  await loadDesk(t, OTHER);
  await notifyDesk(t, ID, OTHER);
});
afterAll(async () => t?.close());

const summary = async (recipientId: string, campaignId?: string, limit = 10, beforeId?: number) => {
  const r = await myNotifications(t.db, { recipientId, campaignId, limit, beforeId });
  return { unread: r.unreadCount, items: r.items.map((n) => `${n.problemNo}:${n.kind}${n.readAt ? ' (read)' : ''}`) };
};

describe('myNotifications', () => {
  test('newest first, with the unread count of all of them', async () => {
    expect(await summary('fin-head')).toEqual({
      unread: 4,
      items: ['4:manual-reminder', '4:warning-yellow', '4:reminder', '6:warning-yellow'],
    });
    const { items: [first] } = await myNotifications(t.db, { recipientId: 'fin-head', limit: 1 });
    expect(first).toEqual({
      id: expect.any(Number), campaignId: ID, problemNo: 4, kind: 'manual-reminder', title: 'manual-reminder', body: 'manual-reminder：问题4',
      createdAt: new Date('2025-04-08T01:00:00Z'), readAt: null,
    });
  });

  test('limit and paging backwards; the campaign filter narrows the count too', async () => {
    const page1 = await myNotifications(t.db, { recipientId: 'fin-head', limit: 2 });
    expect(page1.items.map((n) => n.kind)).toEqual(['manual-reminder', 'warning-yellow']);
    expect(page1.unreadCount).toBe(4);
    expect((await summary('fin-head', undefined, 2, page1.items[1]!.id)).items).toEqual(['4:reminder', '6:warning-yellow']);
    expect(await summary('sec', OTHER)).toEqual({ unread: 1, items: ['2:warning-red'] });
    expect(await summary('sec', ID)).toEqual({ unread: 2, items: ['5:warning-red', '4:warning-red'] });
    expect(await summary('sec')).toEqual({ unread: 3, items: ['5:warning-red', '4:warning-red', '2:warning-red'] });
    expect(await summary('nobody')).toEqual({ unread: 0, items: [] });
  });
});

describe('markNotificationsRead', () => {
  test("marks only the recipient's own rows; another person's ids are ignored", async () => {
    const fin2 = await myNotifications(t.db, { recipientId: 'fin-2', limit: 10 });
    const finHead = await myNotifications(t.db, { recipientId: 'fin-head', limit: 10 });
    // fin-head asks to mark their reminder and fin-2's two rows.
    const ids = [finHead.items[2]!.id, ...fin2.items.map((n) => n.id)];
    expect(await markNotificationsRead(t.db, { recipientId: 'fin-head', ids })).toBe(1);
    expect(await summary('fin-head')).toEqual({ unread: 3, items: ['4:manual-reminder', '4:warning-yellow', '4:reminder (read)', '6:warning-yellow'] });
    expect(await summary('fin-2')).toEqual({ unread: 2, items: ['4:manual-reminder', '4:reminder'] });
    // Marking again changes nothing; an empty list marks nothing.
    expect(await markNotificationsRead(t.db, { recipientId: 'fin-head', ids })).toBe(0);
    expect(await markNotificationsRead(t.db, { recipientId: 'fin-head', ids: [] })).toBe(0);
  });

  test("'all' marks every unread row of the recipient, optionally in one campaign only", async () => {
    expect(await markNotificationsRead(t.db, { recipientId: 'sec', ids: 'all', campaignId: ID })).toBe(2);
    expect(await summary('sec')).toEqual({ unread: 1, items: ['5:warning-red (read)', '4:warning-red (read)', '2:warning-red'] });
    expect(await markNotificationsRead(t.db, { recipientId: 'fin-head', ids: 'all' })).toBe(3);
    expect((await summary('fin-head')).unread).toBe(0);
    expect((await summary('fin-2')).unread).toBe(2);
    expect((await summary('clerk')).unread).toBe(3);
  });
});
