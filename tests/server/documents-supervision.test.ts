import { addDays, shanghaiDate } from '../../domain/dates';
import { cnDate } from '../../report/wording';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';
import { docText, download, fileNameOf, logins } from './desk-helpers';

// 督办中心 and the 督办单 on real servers. Problems 1 and 2 are loaded 10 and 9 days past their
// deadline, so their workflows fire the red warning (7 days overdue) at start; problem 3 is 3 days
// past: yellow only, no notice.

let desk: DeskHarness;
const id = uniqueId('red');
const today = shanghaiDate(Date.now());
const year = today.slice(0, 4);
let office: Session, fin: Session, vp2: Session;
beforeAll(async () => {
  const [p1, p2, p3] = smallLedger().problems;
  const past = (n: number) => addDays(today, -n);
  desk = await DeskHarness.start(
    deskLedger(id, {
      problems: [
        { ...p1, deadline: past(10), measures: [{ text: '修订报销管理办法', owner: 'fin1', due: past(12) }] },
        { ...p2, deadline: past(9) },
        { ...p3, kind: 'time-bound', deadline: past(3) },
      ],
    }),
  );
  [office, fin, vp2] = await logins(desk, ['office1', 'fin1', 'vp2']);
  // The warnings fire as each workflow starts; wait until the office's list shows all three, and
  // the red ones' notices are in the outbox (the writer loop records the state, then the outbox).
  await eventually(async () => {
    const r = await office.get(`/api/campaigns/${id}/supervision`);
    const items = r.body.items as { no: number; warning: string; noticeNo: number | null }[];
    expect(items.map((x) => [x.no, x.warning, x.warning === 'red' && x.noticeNo !== null]).sort()).toEqual([[1, 'red', true], [2, 'red', true], [3, 'yellow', false]]);
  }, 60_000);
});
afterAll(async () => desk?.close());

type Row = { no: number; noticeNo: number | null; noticeNumber: string | null; noticeDate: string | null; told: { kind: string; recipients: { name: string }[] }[] };

test('督办中心: red first with their notice numbers, every warning with its recipients, narrowed to the remit', async () => {
  const { body } = await office.get(`/api/campaigns/${id}/supervision`);
  expect(body.total).toBe(3);
  const rows = body.items as Row[];
  expect(rows.map((r) => r.no)).toEqual([1, 2, 3]); // red, most overdue first; then yellow
  expect(rows.map((r) => r.noticeNo).slice(0, 2).sort()).toEqual([1, 2]);
  for (const r of rows.slice(0, 2)) {
    expect(r).toMatchObject({ noticeDate: today, noticeNumber: `督办〔${year}〕第${r.noticeNo}号` });
    // Loaded 9 and 10 days late: the red warning went out, the yellow one was superseded (not sent).
    expect(r.told.map((t) => t.kind)).toEqual(['warning-red']);
    expect(r.told[0]!.recipients.map((p) => p.name)).toEqual(['王书记', '周主任']);
  }
  expect(rows[2]).toMatchObject({ no: 3, warning: 'yellow', noticeNo: null, noticeNumber: null, daysOverdue: 3 });

  expect((await fin.get(`/api/campaigns/${id}/supervision`)).body.items.map((r: Row) => r.no)).toEqual([1]);
  expect((await vp2.get(`/api/campaigns/${id}/supervision`)).body.items.map((r: Row) => r.no)).toEqual([2, 3]);
  expect(await office.get('/api/campaigns/no-such/supervision')).toMatchObject({ status: 404 });
});

test('督办单: numbered as the list shows it, addressed to the red warning’s recipients, due 7 days after the notice', async () => {
  const rows = (await office.get(`/api/campaigns/${id}/supervision`)).body.items as Row[];
  for (const no of [1, 2]) {
    const number = `督办〔${year}〕第${rows.find((r) => r.no === no)!.noticeNo}号`;
    const r = await download(office, `/api/campaigns/${id}/problems/${no}/supervision-notice.docx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(fileNameOf(r.headers)).toBe(`督办单-问题${no}-${number}.docx`);
    const text = await docText(r.bytes);
    expect(text).toContain('巡察整改督办单');
    expect(text).toContain(number);
    expect(text).toContain('主送：王书记、周主任');
    expect(text).toContain('德州市妇幼保健院');
    expect(text).toContain('自督办之日起7日内');
    expect(text).toContain(`限期办结时间：${cnDate(addDays(today, 7))}`);
    expect(text).toContain(`${cnDate(today)}`);
    expect(text).toContain('领导小组办公室');
  }
  const one = await docText((await download(office, `/api/campaigns/${id}/problems/1/supervision-notice.docx`)).bytes);
  expect(one).toContain('财务报销审核不严');
  expect(one).toContain(`已逾期10天`);
  expect(one).toContain('M1　修订报销管理办法（未完成）');
  // The department may print its own notice.
  expect((await download(fin, `/api/campaigns/${id}/problems/1/supervision-notice.docx`)).status).toBe(200);
});

test('no notice without a red warning (404, said plainly); another department’s problem is 404 like a missing one', async () => {
  const yellow = await download(office, `/api/campaigns/${id}/problems/3/supervision-notice.docx`);
  expect(yellow).toMatchObject({ status: 404, json: { error: { code: 'NotFound', message: '问题3没有发出过红牌预警，没有督办单' } } });
  const other = await download(fin, `/api/campaigns/${id}/problems/2/supervision-notice.docx`);
  const missing = await download(fin, `/api/campaigns/${id}/problems/77/supervision-notice.docx`);
  expect(other.status).toBe(404);
  expect(other.json.error.message).toBe('找不到问题 2，或不在您的职责范围内');
  expect(missing.json.error.message).toBe('找不到问题 77，或不在您的职责范围内');
  expect((await download(office, `/api/campaigns/${id}/problems/abc/supervision-notice.docx`)).status).toBe(400);
});
