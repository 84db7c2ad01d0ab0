// Every desk read model on the scenario of desk-fixtures.ts, as plain JSON: the same on
// PostgreSQL and on PGlite (desk-pglite.test.ts compares the two).
import type { Db } from '../../db/client';
import { queryLedger } from '../../db/queries/ledger';
import { markNotificationsRead, myNotifications } from '../../db/queries/my-notifications';
import { myTasks } from '../../db/queries/my-tasks';
import { campaignOverview } from '../../db/queries/overview';
import { problemNotifications } from '../../db/queries/problem-notifications';
import { supervisionList, supervisionNotice } from '../../db/queries/supervision';
import type { LedgerScope } from '../../domain/permissions';
import { loadDesk, notifyDesk, TODAY } from './desk-fixtures';

export async function deskReadings(db: Db): Promise<unknown> {
  await loadDesk({ db }, 'desk-p');
  await loadDesk({ db }, 'desk-p-other');
  await notifyDesk({ db }, 'desk-p', 'desk-p-other');
  const c = { campaignId: 'desk-p', today: TODAY };
  const fin: LedgerScope = { kind: 'department', department: '财务科' };
  const all: LedgerScope = { kind: 'all' };
  const out = {
    deptTasks: await myTasks(db, { ...c, scope: fin, role: 'dept_owner', personId: 'fin-head', extensionApprover: 'head' }),
    leaderTasks: await myTasks(db, { ...c, scope: { kind: 'leader', personId: 'dean' }, role: 'leader', personId: 'dean', extensionApprover: 'head' }),
    headTasks: await myTasks(db, { ...c, scope: all, role: 'head', personId: 'sec', extensionApprover: 'head' }),
    overview: await campaignOverview(db, { ...c, scope: all }),
    heatCell: (await queryLedger(db, { ...c, department: '财务科', overdue: true, deadlineFrom: '2025-03-31', deadlineTo: '2025-04-06' })).rows.map((r) => r.no),
    supervision: await supervisionList(db, { ...c, scope: all }),
    notice: await supervisionNotice(db, { campaignId: 'desk-p', no: 5 }),
    timeline: await problemNotifications(db, { campaignId: 'desk-p', no: 4 }),
    bell: await myNotifications(db, { recipientId: 'fin-head', limit: 3 }),
    marked: await markNotificationsRead(db, { recipientId: 'fin-head', ids: 'all', campaignId: 'desk-p' }),
    bellAfter: (await myNotifications(db, { recipientId: 'fin-head', limit: 10 })).unreadCount,
  };
  // Read times and row ids differ from run to run; everything else must not.
  return JSON.parse(JSON.stringify(out, (k, v: unknown) => (k === 'readAt' && v ? 'read' : k === 'id' && typeof v === 'number' ? 'id' : v)));
}
