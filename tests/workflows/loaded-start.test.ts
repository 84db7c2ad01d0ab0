import { addDays, shanghaiDate, shanghaiInstant } from '../../domain/dates';
import { problemWorkflowId } from '../../domain/ids';
import type { ProblemData } from '../../domain/problem-types';
import { createCampaign } from '../../services/campaigns';
import { stateQuery } from '../../workflows/definitions';
import { act } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

// Loading a ledger writes each problem's first step (domain/first-run.ts) and starts its workflow
// from it, so a campaign of thousands is ready without an activity per problem. That is only right
// if the result is exactly what a workflow started from the bare ledger writes by itself: same
// projection, same trail, same notices, same live state — for a problem with nothing due and for
// one loaded 8 days after its deadline (red warning and overdue reminder at once).

let h: Harness;
beforeAll(async () => {
  h = await Harness.timeSkipping();
});
afterAll(async () => h?.close());

const problem = (no: number, deadline: string) => ({
  no, aspect: 1, title: `问题标题${no}`, kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline,
  measures: [{ text: '修订制度', owner: 'fin1', due: deadline }],
});

async function written(campaignId: string) {
  const q = async (sql: string) => (await h.db.query(sql, [campaignId])).rows;
  return {
    problems: await q(`select no, status, warning, version, deadline, started_on, measures_total, last_action from problems where campaign_id = $1 order by no`),
    measures: await q(`select problem_no, id, text, owner, due, done from measures where campaign_id = $1 order by problem_no, id`),
    audit: await q(`select problem_no, seq, action, summary, actor_id from audit where campaign_id = $1 order by problem_no, seq`),
    // Not the campaign workflow's own notices: only createCampaign starts one.
    notifications: await q(`select problem_no, kind, title, recipient_id from notifications where campaign_id = $1 and kind <> 'period-end' order by problem_no, kind, recipient_id`),
  };
}

async function liveState(campaignId: string, no: number): Promise<Omit<ProblemData, 'campaignId'>> {
  const { campaignId: _c, history, ...rest } = await h.client.workflow.getHandle(problemWorkflowId(campaignId, no)).query(stateQuery);
  // History entries carry the moment they were made; the two runs happen a moment apart.
  return { ...rest, history: history.map((e) => ({ ...e, at: 'same moment' })) };
}

test('a campaign loaded with its first steps written equals one whose workflows start from the bare ledger', async () => {
  // 10:00 Asia/Shanghai, after the day's 09:00 notices: both paths see the same due events.
  const today = addDays(shanghaiDate(await h.now()), 1);
  await h.env.sleep(shanghaiInstant(today, 10).getTime() - (await h.now()));
  const shape = { policy: { workingDays: 'off' }, problems: [problem(1, addDays(today, 30)), problem(2, addDays(today, -8))] };
  const loaded = smallLedger({ id: uniqueId('loaded'), ...shape });
  const bare = smallLedger({ id: uniqueId('bare'), ...shape });

  await createCampaign(h.client, h.db, loaded, { taskQueue: h.taskQueue, now: await h.now() });
  const handles = await h.startProblems(bare);
  await Promise.all(handles.map((x) => x.query(stateQuery)));
  // The bare runs write by activity; wait until both have written what the loaded ones wrote at once.
  for (let i = 0; i < 100 && JSON.stringify(await written(bare.id)) !== JSON.stringify(await written(loaded.id)); i++) await h.env.sleep(1000);

  const a = await written(loaded.id);
  expect(a.problems).toMatchObject([{ no: 1, status: 'assigned', version: 0 }, { no: 2, warning: 'red' }]);
  expect(a.notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(['warning-red', 'overdue-weekly']));
  expect(a).toEqual(await written(bare.id));
  for (const no of [1, 2]) expect(await liveState(loaded.id, no)).toEqual(await liveState(bare.id, no));

  // And from there the loaded problem lives as any other: an action is written through.
  await act(h.client.workflow.getHandle(problemWorkflowId(loaded.id, 1)), 'claim', { actor: 'fin1' });
  expect((await written(loaded.id)).problems[0]).toMatchObject({ status: 'planning', version: 1, last_action: 'claim' });
});
