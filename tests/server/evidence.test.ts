// Evidence over HTTP: real files uploaded by the department, completed measures that cite them by
// hash (the server, not the client, says what the file is), and downloads by everyone whose remit
// holds the problem — nobody else.
import { createHash } from 'node:crypto';
import { problemWorkflowId } from '../../domain/ids';
import { stateQuery } from '../../workflows/definitions';
import { docx, pdf, png } from '../evidence/samples';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { uniqueId } from '../support/harness';
import { createAdmin, expectErrorBody, multipart, rawRequest } from './helpers';

let desk: DeskHarness;
const id = uniqueId('evidence');
const base = `/api/campaigns/${id}/problems/1`;
const users = ['fin1', 'fin2', 'vp1', 'vp2', 'office1', 'head', 'hr1', 'admin'] as const;
const s = {} as Record<(typeof users)[number], Session>;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const files = { pdf: pdf(), png: png(4, 3) } as Record<'pdf' | 'png' | 'docx', Buffer>;
const NAMES = { pdf: '关于修订财务报销管理办法的通知.pdf', png: '整改现场照片.png', docx: '整改方案.docx' };
const MIME = { pdf: 'application/pdf', png: 'image/png', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  await createAdmin(desk);
  files.docx = await docx();
  for (const u of users) s[u] = await desk.login(u);
});
afterAll(async () => desk?.close());

test('the department uploads a PDF, a PNG and a Word file; the server names the type from the content', async () => {
  for (const kind of ['pdf', 'png', 'docx'] as const) {
    // The browser's claim about the type is ignored: the content decides.
    const r = await s.fin1.upload(`${base}/evidence`, NAMES[kind], files[kind], 'application/x-msdownload');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sha256: sha(files[kind]), name: NAMES[kind], size: files[kind].length, mime: MIME[kind] });
  }
  // fin2 is of the same department; the same bytes again are one stored file, two uploads.
  expect((await s.fin2.upload(`${base}/evidence`, '照片副本.png', files.png)).body).toMatchObject({ sha256: sha(files.png), name: '照片副本.png' });
  const { rows } = await desk.h.db.query('select count(*)::int as n from evidence_files where sha256 = $1', [sha(files.png)]);
  expect(rows).toEqual([{ n: 1 }]);
  // A name with a quote cannot break the header it later goes into.
  const m = multipart([{ name: 'file', filename: 'a\\";x=1.png', content: png(5, 5) }]);
  const quoted = await rawRequest(desk.baseUrl, 'POST', `${base}/evidence`, { 'content-type': m.contentType, cookie: s.fin1.cookie }, m.body);
  expect(quoted.body.name).toBe('a_;x=1.png');
  const header = (await fetch(`${desk.baseUrl}${base}/evidence/${quoted.body.sha256}`, { headers: { cookie: s.fin1.cookie } })).headers.get('content-disposition');
  expect(header).toBe(`attachment; filename="a_;x=1.png"; filename*=UTF-8''a_%3Bx%3D1.png`);
});

test('a completed measure cites uploads by hash; name, size and type are the server\'s, and a client cannot send them', async () => {
  expect((await s.fin1.post(`${base}/actions/claim`)).status).toBe(200);
  expect((await s.fin1.post(`${base}/actions/submitPlan`)).status).toBe(200);
  expect((await s.vp1.post(`${base}/actions/decidePlan`, { approve: true })).status).toBe(200);
  const claimed = await s.fin1.post(`${base}/actions/completeMeasure`, {
    measureId: 'M1',
    evidence: [{ kind: 'file', sha256: sha(files.pdf), name: 'fake.exe', size: 1, mime: 'application/x-msdownload' }],
  });
  expect(claimed.status).toBe(400);
  expectErrorBody(claimed, 'InvalidInput');
  const done = await s.fin1.post(`${base}/actions/completeMeasure`, {
    measureId: 'M1',
    evidence: [{ kind: 'file', sha256: sha(files.pdf) }, { kind: 'file', sha256: sha(files.png) }, { kind: 'text', text: '制度已于本月印发' }],
    outcomes: { regulations: 1 },
  });
  expect(done.status).toBe(200);
  const state = await desk.h.client.workflow.getHandle(problemWorkflowId(id, 1)).query(stateQuery);
  expect(state.measures[0]!.evidence).toEqual([
    { kind: 'file', sha256: sha(files.pdf), name: NAMES.pdf, size: files.pdf.length, mime: MIME.pdf },
    // The latest upload of those bytes to this problem names them.
    { kind: 'file', sha256: sha(files.png), name: '照片副本.png', size: files.png.length, mime: MIME.png },
    { kind: 'text', text: '制度已于本月印发', sha256: sha(Buffer.from('制度已于本月印发')) },
  ]);
  const detail = await s.office1.get(base);
  expect(detail.body.evidence.map((e: { name: string; stored: boolean; inline: boolean }) => [e.name, e.stored, e.inline])).toEqual([
    [NAMES.pdf, true, true], ['照片副本.png', true, true], [null, false, false],
  ]);
});

test('everyone whose remit holds the problem downloads the same bytes, as an attachment named in UTF-8, not sniffed', async () => {
  for (const u of ['fin1', 'fin2', 'vp1', 'office1', 'head'] as const) {
    const res = await fetch(`${desk.baseUrl}${base}/evidence/${sha(files.pdf)}`, { headers: { cookie: s[u].cookie } });
    expect([u, res.status]).toEqual([u, 200]);
    expect(Buffer.from(await res.arrayBuffer()).equals(files.pdf)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${'_'.repeat(15)}.pdf"; filename*=UTF-8''${encodeURIComponent(NAMES.pdf)}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }
});

test('inline preview only for images and PDF; an image is served sandboxed', async () => {
  const get = (kind: 'pdf' | 'png' | 'docx') => fetch(`${desk.baseUrl}${base}/evidence/${sha(files[kind])}?inline=1`, { headers: { cookie: s.vp1.cookie } });
  const [p, i, d] = [await get('pdf'), await get('png'), await get('docx')];
  expect([p.status, i.status, d.status]).toEqual([200, 200, 200]);
  expect(p.headers.get('content-disposition')).toMatch(/^inline; /);
  expect(i.headers.get('content-disposition')).toMatch(/^inline; /);
  expect(i.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
  expect(d.headers.get('content-disposition')).toMatch(/^attachment; filename=.*filename\*=UTF-8''%E6%95%B4%E6%94%B9%E6%96%B9%E6%A1%88\.docx$/);
  expect(d.headers.get('content-type')).toBe(MIME.docx);
  expect(Buffer.from(await d.arrayBuffer()).equals(files.docx)).toBe(true);
});

test('outside the remit: another department and another leader get 404, the administrator 403', async () => {
  const url = `${base}/evidence/${sha(files.pdf)}`;
  for (const u of ['hr1', 'vp2'] as const) {
    const r = await s[u].get(url);
    expect([u, r.status]).toEqual([u, 404]);
    expectErrorBody(r, 'NotFound');
    expect(r.body.error.message).toBe('找不到问题 1，或不在您的职责范围内');
  }
  const admin = await s.admin.get(url);
  expect(admin.status).toBe(403);
  expectErrorBody(admin, 'Forbidden');
  // Nor may they upload there.
  expect((await s.hr1.upload(`${base}/evidence`, 'x.pdf', files.pdf)).status).toBe(404);
  expect((await s.vp1.upload(`${base}/evidence`, 'x.pdf', files.pdf)).status).toBe(403);
});
