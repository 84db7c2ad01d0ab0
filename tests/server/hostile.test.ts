// Hostile inputs over HTTP against the real server: each case must get its exact 4xx, the error
// body with a Chinese message, and write nothing (database tables and the evidence store).
// Inputs that are legitimate data however odd they look (script in a reason, SQL in a search)
// are accepted and kept literally; that is checked after the table.
import { problemWorkflowId } from '../../domain/ids';
import { stateQuery } from '../../workflows/definitions';
import { DeskHarness, deskLedger, type Reply } from '../support/desk';
import { pdf, png } from '../evidence/samples';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { createAdmin, fingerprint, listFiles } from './helpers';
import { actionCases } from './hostile-actions';
import { requestCases, type HostileCase, type HostileContext } from './hostile-requests';

let desk: DeskHarness;
let c: HostileContext;
const id = uniqueId('hostile');
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  await createAdmin(desk);
  const [fin1, vp1, hr1, admin] = await Promise.all(['fin1', 'vp1', 'hr1', 'admin'].map((u) => desk.login(u)));
  const finUpload = await fin1!.upload(`/api/campaigns/${id}/problems/1/evidence`, '报销办法.pdf', pdf());
  const hrUpload = await hr1!.upload(`/api/campaigns/${id}/problems/2/evidence`, '档案照片.png', png());
  c = { desk, id, anon: desk.anonymous(), fin1: fin1!, vp1: vp1!, admin: admin!, finSha: finUpload.body.sha256, hrSha: hrUpload.body.sha256 };
});
afterAll(async () => desk?.close());

/** What is wrong with one answer, as lines (empty when it is right). */
function problemsWith(k: HostileCase, r: Reply): string[] {
  const out: string[] = [];
  if (r.status !== k.status) out.push(`status ${r.status}, expected ${k.status}`);
  const e = r.body?.error;
  if (!(r.headers.get('content-type') ?? '').startsWith('application/json')) out.push(`content-type ${r.headers.get('content-type')}`);
  if (!e || Object.keys(r.body).length !== 1 || Object.keys(e).sort().join() !== 'code,fields,message') return [...out, `body ${JSON.stringify(r.body)?.slice(0, 200)}`];
  if (e.code !== k.code) out.push(`code ${e.code}, expected ${k.code}`);
  if (typeof e.message !== 'string' || !/[\u4e00-\u9fff]/.test(e.message)) out.push(`message not Chinese: ${e.message}`);
  if (k.message && !k.message.test(e.message)) out.push(`message ${e.message} does not match ${k.message}`);
  if (!Array.isArray(e.fields) || e.fields.some((f: { path: unknown; message: unknown }) => typeof f.path !== 'string' || typeof f.message !== 'string' || !f.message)) {
    out.push(`fields ${JSON.stringify(e.fields)}`);
  }
  if (k.field && !e.fields.some((f: { path: string }) => f.path === k.field)) out.push(`no field ${k.field} in ${JSON.stringify(e.fields)}`);
  return out;
}

const numbersAside = (r: Reply) => JSON.stringify([r.status, r.body]).replace(/\d+/g, '#');

/** The tables, the store, and the live workflows: an update accepted by mistake shows at once. */
async function everything(): Promise<Record<string, string>> {
  const versions = await Promise.all([1, 2, 3].map(async (no) => (await desk.h.client.workflow.getHandle(problemWorkflowId(id, no)).query(stateQuery)).version));
  return { ...(await fingerprint(desk.h.db, desk.dataDir)), workflows: versions.join() };
}

test('at least 100 hostile inputs: each a clean 4xx with a Chinese message, nothing written', async () => {
  const cases = [...requestCases(c), ...(await actionCases(c))];
  const categories = [...new Set(cases.map((k) => k.category))];
  console.log(`敌意输入 ${cases.length} 例，${categories.length} 类：${categories.map((g) => `${g} ${cases.filter((k) => k.category === g).length}`).join('；')}`);
  expect(cases.length).toBeGreaterThanOrEqual(100);
  const wrong: string[] = [];
  for (const k of cases) {
    const before = await everything();
    const r = await k.send();
    const after = await everything();
    const issues = problemsWith(k, r);
    for (const table of Object.keys(before)) if (before[table] !== after[table]) issues.push(`wrote to ${table}`);
    if (k.sameAs) {
      const other = await k.sameAs();
      if (numbersAside(other) !== numbersAside(r)) issues.push(`differs from a problem that does not exist: ${JSON.stringify(other.body)}`);
    }
    if (issues.length) wrong.push(`[${k.category}] ${k.name}: ${issues.join('; ')}`);
  }
  expect(wrong).toEqual([]);
  // The cross-origin sign-out above left fin1 signed in.
  expect((await c.fin1.get('/api/auth/me')).status).toBe(200);
});

test('script and markup in text fields are kept as data, literally, and answered as JSON text', async () => {
  // Inert rendering in the page is the browser test's to check (tests/browser).
  const script = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
  const hr1 = await desk.login('hr1');
  const office = await desk.login('office1');
  expect((await hr1.post(`/api/campaigns/${id}/problems/3/actions/reportProgress`, { text: script })).status).toBe(200);
  expect((await office.post(`/api/campaigns/${id}/problems/3/actions/remind`, { text: script })).status).toBe(200);
  expect((await c.fin1.post(`/api/campaigns/${id}/problems/1/actions/requestExtension`, { until: '2099-12-31', reason: script })).status).toBe(200);
  const state3 = await desk.h.client.workflow.getHandle(problemWorkflowId(id, 3)).query(stateQuery);
  expect(state3.progressReports.map((p) => p.text)).toEqual([script]);
  const detail = await hr1.get(`/api/campaigns/${id}/problems/3`);
  expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
  expect(detail.body.state.progressReports[0].text).toBe(script);
  expect(detail.body.state.history.map((h: { summary: string }) => h.summary)).toEqual([`报送进展：${script}`, `办公室催办：${script}`]);
  const one = await c.fin1.get(`/api/campaigns/${id}/problems/1`);
  expect(one.body.state.pendingExtension.reason).toBe(script);
  // The outbox is written by an activity, shortly after the update returns.
  const rows = await eventually(async () => {
    const { rows } = await desk.h.db.query<{ body: string }>(`select body from notifications where campaign_id = $1 and problem_no = 3 and kind = 'manual-reminder'`, [id]);
    expect(rows.length).toBeGreaterThan(0);
    return rows;
  });
  for (const row of rows) expect(row.body).toBe(script);
});

test('SQL in free-text filters is searched for as text and never widens the remit', async () => {
  for (const q of ["' or 1=1 --", "%' or '1'='1", '%', '_', '\\', "'; drop table problems; --"]) {
    const r = await c.fin1.get(`/api/campaigns/${id}/problems?q=${encodeURIComponent(q)}`);
    expect([q, r.status]).toEqual([q, 200]);
    expect([q, r.body.items.every((row: { department: string }) => row.department === '财务科')]).toEqual([q, true]);
  }
  const sqlDept = await c.fin1.get(`/api/campaigns/${id}/problems?department=${encodeURIComponent("财务科' or '1'='1")}`);
  expect(sqlDept.body).toMatchObject({ items: [], total: 0 });
  const otherDept = await c.fin1.get(`/api/campaigns/${id}/problems?department=${encodeURIComponent('人事科')}`);
  expect(otherDept.body).toMatchObject({ items: [], total: 0 });
  const { rows } = await desk.h.db.query<{ n: number }>('select count(*) as n from problems where campaign_id = $1', [id]);
  expect(rows[0]!.n).toBe(3);
});

test('file names with ../, NUL, backslashes and markup are made safe; the store holds only content-addressed files', async () => {
  const names: [string, string][] = [
    ['../../etc/passwd', 'passwd.pdf'],
    ['a\u0000b.pdf', 'ab.pdf'],
    ['C:\\Users\\科长\\Desktop\\报告.pdf', '报告.pdf'],
    ['<script>alert(1)<\\script>.pdf', expect.not.stringMatching(/[<>\\/]/) as unknown as string],
  ];
  for (const [given, kept] of names) {
    const r = await c.fin1.upload(`/api/campaigns/${id}/problems/1/evidence`, given, pdf());
    expect([given, r.status, r.body.name]).toEqual([given, 200, kept]);
  }
  const { rows } = await desk.h.db.query<{ name: string }>('select name from evidence_uploads where campaign_id = $1', [id]);
  for (const { name } of rows) expect([name, /[/\\]/.test(name) || name.includes('\u0000')]).toEqual([name, false]);
  for (const file of listFiles(desk.dataDir)) expect(file).toMatch(/^evidence\/(tmp\/\S+\.part|[0-9a-f]{2}\/[0-9a-f]{64}) \d+$/);
  expect(listFiles(`${desk.dataDir}/evidence/tmp`)).toEqual([]);
});

test("every route with a problem number answers another department's problem as it answers no problem at all", async () => {
  const doc = (await c.anon.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(doc.paths).filter(([p]) => p.includes('{no}')).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as const));
  expect(routes.length).toBeGreaterThanOrEqual(20);
  for (const [method, template] of routes) {
    const at = (no: number) => template.replace('{id}', id).replace('{no}', String(no)).replace('{sha256}', c.hrSha);
    const send = (no: number) => c.fin1.request(method, at(no), method === 'GET' ? undefined : {});
    const [other, none] = [await send(2), await send(999)];
    expect([method, template, numbersAside(other)]).toEqual([method, template, numbersAside(none)]);
    expect([method, template, other.status]).toEqual([method, template, expect.any(Number)]);
    expect(other.status).toBeGreaterThanOrEqual(400);
  }
});
