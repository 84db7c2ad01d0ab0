import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertDeskAudit } from '../../db/queries/insert-desk-audit';
import { listDeskAudit } from '../../db/queries/list-desk-audit';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import { T0 } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
  await insertCampaign(t.db, smallLedger({ id: 'c-audit' }));
});
afterAll(async () => t?.close());

test('the HTTP layer can record any action with campaign, problem, detail and address, and read it back filtered and paged', async () => {
  const id = await insertDeskAudit(t.db, {
    at: new Date(T0), username: 'fin1', personId: 'fin1', kind: 'action', campaignId: 'c-audit', problemNo: 1,
    detail: { action: 'claim', result: 'ok', measures: [1, 2] }, ip: '2001:db8::1',
  });
  for (let i = 0; i < 5; i++) await insertDeskAudit(t.db, { at: new Date(T0 + i), username: 'office1', kind: 'import', detail: { rows: i } });
  await insertDeskAudit(t.db, { at: new Date(T0), username: null, kind: 'sign-in-failed' });
  const [row] = await listDeskAudit(t.db, { campaignId: 'c-audit', problemNo: 1 });
  expect(row).toEqual({
    id, at: new Date(T0), username: 'fin1', personId: 'fin1', kind: 'action', campaignId: 'c-audit', problemNo: 1,
    detail: { action: 'claim', result: 'ok', measures: [1, 2] }, ip: '2001:db8::1',
  });
  const page1 = await listDeskAudit(t.db, { username: 'office1', limit: 3 });
  expect(page1.map((r) => r.detail.rows)).toEqual([4, 3, 2]);
  const page2 = await listDeskAudit(t.db, { username: 'office1', limit: 3, beforeId: page1[2]?.id });
  expect(page2.map((r) => r.detail.rows)).toEqual([1, 0]);
  expect(await listDeskAudit(t.db, { kind: 'sign-in-failed' })).toMatchObject([{ username: null, personId: null, detail: {}, ip: null, campaignId: null }]);
  expect((await listDeskAudit(t.db)).length).toBe(7);
});

test('audit rows cannot be updated, deleted or truncated', async () => {
  await insertDeskAudit(t.db, { at: new Date(T0), username: 'head', kind: 'sign-in' });
  const before = await listDeskAudit(t.db);
  const refusal = /审计记录只能追加，不能修改或删除/;
  await expect(t.db.query("update desk_audit set kind = 'nothing-happened'")).rejects.toThrow(refusal);
  await expect(t.db.query("delete from desk_audit where username = 'head'")).rejects.toThrow(refusal);
  await expect(t.db.query('truncate desk_audit')).rejects.toThrow(refusal);
  expect(await listDeskAudit(t.db)).toEqual(before);
});
