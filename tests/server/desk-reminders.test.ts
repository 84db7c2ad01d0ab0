import { REMIND_DEFAULT_TEXT } from '../../domain/problem-types';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// The office's bulk 催办 on real servers: one `remind` update per selected problem, each telling
// the department's people; refusals come back per problem and never stop the others.

let desk: DeskHarness;
const id = uniqueId('remind');
let office: Session;
beforeAll(async () => {
  const base = deskLedger(id);
  // Problem 4 arrived closed with the ledger: nothing left to chase.
  const closed = { ...smallLedger().problems[0]!, no: 4, title: '已整改完毕的问题', closed: true, measures: [] };
  desk = await DeskHarness.start(deskLedger(id, { problems: [...base.problems, closed] }));
  office = await desk.login('office1');
});
afterAll(async () => desk?.close());

const reminders = async () =>
  (
    await desk.h.db.query<{ no: number; to: string; body: string }>(
      `select problem_no as no, recipient_id as "to", body from notifications where campaign_id = $1 and kind = 'manual-reminder' order by id`,
      [id],
    )
  ).rows;

test('one reminder per selected problem and recipient; unknown and closed problems refused one by one; a second call sends again', async () => {
  const r = await office.post(`/api/campaigns/${id}/reminders`, { nos: [3, 1, 99, 4, 1], text: '  请于本周五前报送进展  ' });
  expect(r.status).toBe(200);
  expect(r.body.sent).toEqual([3, 1]);
  expect(r.body.refused).toEqual([
    { no: 99, code: 'NotFound', message: expect.stringContaining('找不到问题 99') },
    { no: 4, code: 'InvalidState', message: expect.any(String) },
  ]);
  // Problem 1 goes to 财务科's owner and member, problem 3 to 人事科's owner.
  const first = await eventually(async () => {
    const rows = await reminders();
    expect(rows).toHaveLength(3);
    return rows;
  });
  expect(first.map((x) => [x.no, x.to]).sort()).toEqual([[1, 'fin1'], [1, 'fin2'], [3, 'hr1']]);
  expect(new Set(first.map((x) => x.body))).toEqual(new Set(['请于本周五前报送进展']));

  // A new action, not a retry: everyone is told again, with the usual text when none is given.
  expect((await office.post(`/api/campaigns/${id}/reminders`, { nos: [1, 3] })).body).toEqual({ sent: [1, 3], refused: [] });
  const second = await eventually(async () => {
    const rows = await reminders();
    expect(rows).toHaveLength(6);
    return rows.slice(3);
  });
  expect(second.map((x) => [x.no, x.to]).sort()).toEqual([[1, 'fin1'], [1, 'fin2'], [3, 'hr1']]);
  expect(second.every((x) => x.body === REMIND_DEFAULT_TEXT)).toBe(true);

  // The workflow keeps the record: two 催办 entries by the office on problem 1.
  const detail = await office.get(`/api/campaigns/${id}/problems/1`);
  expect(detail.body.state.history.filter((h: { action: string; actor: { id: string } }) => h.action === 'remind' && h.actor.id === 'office1')).toHaveLength(2);

  // One audit row per problem and call, refusals included.
  const audit = await desk.h.db.query<{ kind: string; no: number }>(
    `select kind, problem_no as no from desk_audit where campaign_id = $1 and detail->>'action' = 'remind' order by id`,
    [id],
  );
  expect(audit.rows.filter((a) => a.kind === 'action').map((a) => a.no).sort()).toEqual([1, 1, 3, 3]);
  expect(audit.rows.filter((a) => a.kind === 'action-refused').map((a) => a.no).sort()).toEqual([4, 99]);
});

test('only the office may 催办 (403), for a campaign that exists (404)', async () => {
  for (const u of ['fin1', 'vp1', 'head']) {
    const s = await desk.login(u);
    expect(await s.post(`/api/campaigns/${id}/reminders`, { nos: [1] })).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });
  }
  expect(await office.post('/api/campaigns/no-such/reminders', { nos: [1] })).toMatchObject({ status: 404 });
});

test('bad input: 400 with every wrong field named, nothing sent', async () => {
  const before = (await reminders()).length;
  const cases: [unknown, string][] = [
    [{ nos: [] }, 'nos'],
    [{}, 'nos'],
    [{ nos: Array.from({ length: 501 }, (_, i) => i + 1) }, 'nos'],
    [{ nos: [1, 'x'] }, 'nos.1'],
    [{ nos: [0] }, 'nos.0'],
    [{ nos: [1], text: '催'.repeat(501) }, 'text'],
    [{ nos: [1], extra: true }, ''],
  ];
  for (const [body, path] of cases) {
    const r = await office.post(`/api/campaigns/${id}/reminders`, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('InvalidInput');
    expect(r.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
  }
  expect(await reminders()).toHaveLength(before);
});
