import { createHash } from 'node:crypto';
import { pdf } from '../evidence/samples';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { uniqueId } from '../support/harness';
import { docText, download, fileNameOf, logins } from './desk-helpers';

// The 对账销号单 of a problem carried to closure through the API alone: claim, plan, a PDF and a
// text as evidence, then the three approvals. The sheet reads the live workflow state.

let desk: DeskHarness;
const id = uniqueId('closure');
let fin: Session, hr: Session, vp1: Session, office: Session, head: Session;
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  [fin, hr, vp1, office, head] = await logins(desk, ['fin1', 'hr1', 'vp1', 'office1', 'head']);
});
afterAll(async () => desk?.close());

const url = (no: number) => `/api/campaigns/${id}/problems/${no}/closure-sheet.docx`;
const NAME = '关于印发《报销管理办法》的通知.pdf';
const TEXT = '办法已经党委会审议通过并印发全院。';

async function ok(p: Promise<{ status: number; body: unknown }>) {
  const r = await p;
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body as { status: string; sha256: string };
}

test('before closure the sheet is refused 409 with the reason; after the three approvals it lists evidence and opinions', async () => {
  const refused = await download(fin, url(1));
  expect(refused).toMatchObject({ status: 409, json: { error: { code: 'InvalidState', message: '问题1当前状态为「待认领」，尚未销号，不能生成对账销号单' } } });

  const a = `/api/campaigns/${id}/problems/1/actions`;
  await ok(fin.post(`${a}/claim`));
  await ok(fin.post(`${a}/submitPlan`));
  await ok(vp1.post(`${a}/decidePlan`, { approve: true }));
  const bytes = pdf();
  const uploaded = await ok(fin.upload(`/api/campaigns/${id}/problems/1/evidence`, NAME, bytes, 'application/pdf'));
  expect(uploaded.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  await ok(fin.post(`${a}/completeMeasure`, { measureId: 'M1', evidence: [{ kind: 'file', sha256: uploaded.sha256 }, { kind: 'text', text: TEXT }], outcomes: { regulations: 1 } }));
  await ok(fin.post(`${a}/requestClosure`));
  await ok(vp1.post(`${a}/reviewClosure`, { approve: true }));
  await ok(office.post(`${a}/verifyClosure`, { approve: true, reason: '已对账，佐证齐全' }));
  expect((await ok(head.post(`${a}/approveClosure`, { approve: true }))).status).toBe('closed');

  const r = await download(office, url(1));
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(fileNameOf(r.headers)).toBe('对账销号单-问题1.docx');
  const text = await docText(r.bytes);
  expect(text).toContain('巡察反馈问题整改对账销号单');
  expect(text).toContain('被巡察单位：德州市妇幼保健院');
  expect(text).toContain('财务报销审核不严');
  expect(text).toContain(NAME);
  expect(text).toContain(uploaded.sha256);
  expect(text).toContain(`文字佐证：${TEXT}`);
  expect(text).toContain('已对账，佐证齐全');
  expect(text).toContain('签名：李院长');
  expect(text).toContain('签名：周主任');
  expect(text).toContain('签名：王书记');
  expect(text).toContain('同意销号');

  // The department prints its own sheet too.
  expect((await download(fin, url(1))).status).toBe(200);
  const audit = await desk.h.db.query("select 1 from desk_audit where kind = 'export-closure-sheet' and campaign_id = $1 and problem_no = 1", [id]);
  expect(audit.rows).toHaveLength(2);
});

test('another department’s problem answers 404 like a missing one; a bad number 400', async () => {
  const other = await download(hr, url(1));
  expect(other).toMatchObject({ status: 404, json: { error: { code: 'NotFound', message: '找不到问题 1，或不在您的职责范围内' } } });
  expect((await download(hr, url(404))).json.error.message).toBe('找不到问题 404，或不在您的职责范围内');
  expect((await download(hr, `/api/campaigns/${id}/problems/0/closure-sheet.docx`)).status).toBe(400);
  expect((await download(hr, url(2))).status).toBe(409);
});
