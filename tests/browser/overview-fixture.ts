import { addDays, shanghaiDate } from '../../domain/dates';
import type { CampaignLedger } from '../../domain/schemas';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { smallLedger } from '../support/ledger';

// The campaign behind the 总览 browser test, made interesting through the real API: three
// departments, a red and a yellow problem, claims, a plan returned with a reason, a measure at work
// and one problem closed all the way.

export const RETURNED = '措施不够具体，请补充每项措施的完成时间和责任人';

/** Problem 2 is 9 days overdue (red at once: the workflow fires the warnings due at start), problem 5 two days (yellow). */
export function overviewLedger(id: string): CampaignLedger {
  const today = shanghaiDate(Date.now());
  const inDays = (n: number) => addDays(today, n);
  const base = smallLedger();
  const p = (no: number, title: string, department: string, owner: string, deadline: number | null, measures: number[] = []) => ({
    no, aspect: 1, title, kind: deadline === null ? 'long-term' : 'time-bound', responsibleLeader: no % 2 ? 'vp1' : 'vp2', department, owner,
    deadline: deadline === null ? undefined : inDays(deadline),
    measures: measures.map((d, i) => ({ text: `${title}措施${i + 1}`, owner, due: inDays(d) })),
  });
  return deskLedger(id, {
    people: [...base.people, { id: 'med1', name: '郑主任', department: '医务科' }],
    departments: ['财务科', '人事科', '医务科'],
    problems: [
      p(1, '财务报销审核不严', '财务科', 'fin1', 30, [10]),
      p(2, '干部档案管理不规范', '人事科', 'hr1', -9),
      p(3, '理论学习不深入', '人事科', 'hr1', null),
      p(4, '预算执行进度偏慢', '财务科', 'fin1', 5, [3]),
      p(5, '医疗质量控制不到位', '医务科', 'med1', -2),
      p(6, '病历书写不规范', '医务科', 'med1', 12, [8]),
      p(7, '固定资产账实不符', '财务科', 'fin1', 40, [20]),
      p(8, '差旅费报销超标准', '财务科', 'fin1', 20, [15]),
    ],
  });
}

/** Starts the desk on that ledger, drives the problems through the API and waits for the warnings. */
export async function startOverviewDesk(id: string, webRoot: string): Promise<{ desk: DeskHarness; office: Session }> {
  const desk = await DeskHarness.start(overviewLedger(id), { webRoot });
  const [fin1, hr1, med1, vp1, vp2, head, office] = await Promise.all(['fin1', 'hr1', 'med1', 'vp1', 'vp2', 'head', 'office1'].map((u) => desk.login(u)));
  const act = async (s: Session | undefined, no: number, action: string, body: object = {}) => {
    const r = await s!.post(`/api/campaigns/${id}/problems/${no}/actions/${action}`, body);
    if (r.status !== 200) throw new Error(`${action} ${no}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await Promise.all([act(hr1, 2, 'claim'), act(hr1, 3, 'claim'), act(fin1, 4, 'claim'), act(med1, 6, 'claim'), act(fin1, 8, 'claim')]);
  // Problem 4 at work (its measure falls due in 3 days); problem 8's plan comes back with a reason.
  await Promise.all([act(fin1, 4, 'submitPlan'), act(fin1, 8, 'submitPlan')]);
  await Promise.all([act(vp2, 4, 'decidePlan', { approve: true }), act(vp2, 8, 'decidePlan', { approve: false, reason: RETURNED })]);
  // Problem 7 all the way to 已销号, so the charts have a closed slice and a measure done.
  const steps: [Session | undefined, string, object?][] = [
    [fin1, 'claim'], [fin1, 'submitPlan'], [vp1, 'decidePlan', { approve: true }],
    [fin1, 'completeMeasure', { measureId: 'M1', evidence: [{ kind: 'text', text: '已完成资产盘点并调账' }] }],
    [fin1, 'requestClosure'], [vp1, 'reviewClosure', { approve: true }], [office, 'verifyClosure', { approve: true }], [head, 'approveClosure', { approve: true }],
  ];
  for (const [who, action, body] of steps) await act(who, 7, action, body);
  await eventually(async () => {
    const s = (await office!.get(`/api/campaigns/${id}/supervision`)).body;
    expect(s.items.map((r: { no: number; warning: string }) => [r.no, r.warning])).toEqual([[2, 'red'], [5, 'yellow']]);
    expect(s.items[0].noticeNumber).toBeTruthy();
  }, 60_000);
  return { desk, office: office! };
}
