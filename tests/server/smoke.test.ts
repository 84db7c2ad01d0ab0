import { DeskHarness, deskLedger } from '../support/desk';
import { uniqueId } from '../support/harness';

let desk: DeskHarness;
const id = uniqueId('desk');
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
});
afterAll(async () => desk?.close());

test('a department owner signs in, lists its problems, opens one and claims it', async () => {
  const fin = await desk.login('fin1');
  const me = await fin.get('/api/auth/me');
  expect(me.body).toMatchObject({ username: 'fin1', role: 'dept_owner', department: '财务科', mustChangePassword: false });
  const list = await fin.get(`/api/campaigns/${id}/problems?page=1&pageSize=50`);
  expect(list.status).toBe(200);
  expect(list.body.items.map((r: { no: number; department: string }) => [r.no, r.department])).toEqual([[1, '财务科']]);
  const detail = await fin.get(`/api/campaigns/${id}/problems/1`);
  expect(detail.status).toBe(200);
  expect(detail.body.actions).toContain('claim');
  const claimed = await fin.post(`/api/campaigns/${id}/problems/1/actions/claim`);
  expect(claimed.body).toMatchObject({ status: 'planning' });
  const other = await fin.get(`/api/campaigns/${id}/problems/2`);
  expect(other.status).toBe(404);
  expect(await desk.anonymous().get(`/api/campaigns/${id}/problems`)).toMatchObject({ status: 401 });
});
