// Hostile inputs, part 2: lifecycle actions, evidence uploads and downloads, and guessed problem
// numbers of another department. fin1 is 财务科's owner; problem 1 is theirs, problem 2 人事科's.
import { ACTION_NAMES } from '../../api/problems';
import { elf, pdf, pe, png, zip } from '../evidence/samples';
import type { Reply } from '../support/desk';
import { actionPayload, multipart, rawRequest } from './helpers';
import type { HostileCase, HostileContext } from './hostile-requests';

const EVIL = { origin: 'http://evil.example' };
const big = (n: number) => 'x'.repeat(n);
const MB = 1024 * 1024;

export async function actionCases(c: HostileContext): Promise<HostileCase[]> {
  const { id, fin1, desk } = c;
  const base = `/api/campaigns/${id}/problems`;
  const act = (action: string, body: unknown, headers?: Record<string, string>) => fin1.request('POST', `${base}/1/actions/${action}`, body, headers);
  const actRaw = (action: string, body: string, type = 'application/json') =>
    rawRequest(desk.baseUrl, 'POST', `${base}/1/actions/${action}`, { 'content-type': type, cookie: fin1.cookie }, body);
  const measure = (m: Record<string, unknown>) => act('planMeasures', { measures: [{ text: '修订制度', owner: 'fin1', due: '2099-01-01', ...m }] });
  const complete = (evidence: unknown[], extra: Record<string, unknown> = {}) => act('completeMeasure', { measureId: 'M1', evidence, ...extra });
  const upload = (name: string, bytes: Uint8Array, who = fin1, no = 1, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return who.request('POST', `${base}/${no}/evidence`, form, headers);
  };
  const uploadRaw = (body: string | Buffer, contentType: string) => rawRequest(desk.baseUrl, 'POST', `${base}/1/evidence`, { 'content-type': contentType, cookie: fin1.cookie }, body);
  const form = (parts: Parameters<typeof multipart>[0]) => {
    const m = multipart(parts);
    return uploadRaw(m.body, m.contentType);
  };
  const download = (sha: string, no = 1, query = '') => fin1.get(`${base}/${no}/evidence/${sha}${query}`);
  const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const plainZip = await zip({ 'readme.txt': '压缩包', 'run.sh': '#!/bin/sh\nrm -rf /' });
  const A = 'actions';
  const U = 'uploads';
  const D = 'downloads';
  const G = 'guessed problem numbers (人事科 as 财务科)';
  const guessed: [string, (no: number) => Promise<Reply>][] = [
    ['detail', (no) => fin1.get(`${base}/${no}`)],
    ["download of that problem's file", (no) => download(c.hrSha, no)],
    ['inline preview of our own file under that number', (no) => download(c.finSha, no, '?inline=1')],
    ['upload', (no) => upload('a.pdf', pdf(), fin1, no)],
    ...ACTION_NAMES.map((a): [string, (no: number) => Promise<Reply>] => [`action ${a}`, (no) => fin1.post(`${base}/${no}/actions/${a}`, actionPayload(a))]),
  ];

  return [
    { category: A, name: 'the actor in the body', send: () => act('claim', { actor: 'head' }), status: 400, code: 'InvalidInput', message: /未知字段/ },
    { category: A, name: 'an extra field', send: () => act('claim', { approve: true }), status: 400, code: 'InvalidInput' },
    { category: A, name: 'a JSON array body', send: () => act('claim', []), status: 400, code: 'InvalidInput' },
    { category: A, name: 'JSON null body', send: () => actRaw('claim', 'null'), status: 400, code: 'InvalidInput' },
    { category: A, name: 'malformed JSON', send: () => actRaw('claim', '{"approve": tru'), status: 400, code: 'InvalidInput', message: /JSON/ },
    { category: A, name: 'text/plain body', send: () => actRaw('claim', 'claim', 'text/plain'), status: 415, code: 'UnsupportedMediaType' },
    { category: A, name: 'a 10 000-deep nested array', send: () => actRaw('claim', '['.repeat(10_000) + ']'.repeat(10_000)), status: 400, code: 'InvalidInput' },
    { category: A, name: 'JSON body over 1 MB', send: () => act('reportProgress', { text: big(1_100_000) }), status: 413, code: 'PayloadTooLarge' },
    { category: A, name: 'measures missing', send: () => act('planMeasures', {}), status: 400, code: 'InvalidInput', field: 'measures' },
    { category: A, name: 'measures a string', send: () => act('planMeasures', { measures: 'all of them' }), status: 400, code: 'InvalidInput', field: 'measures' },
    { category: A, name: 'measures empty', send: () => act('planMeasures', { measures: [] }), status: 400, code: 'InvalidInput', field: 'measures' },
    { category: A, name: '500 measures', send: () => act('planMeasures', { measures: Array.from({ length: 500 }, () => ({ text: '措施', owner: 'fin1', due: '2099-01-01' })) }), status: 400, code: 'InvalidInput', field: 'measures' },
    { category: A, name: 'measure owner a number', send: () => measure({ owner: 7 }), status: 400, code: 'InvalidInput', field: 'measures.0.owner' },
    { category: A, name: 'measure due 2024-02-30', send: () => measure({ due: '2024-02-30' }), status: 400, code: 'InvalidInput', field: 'measures.0.due' },
    { category: A, name: 'measure text of 100 000 characters', send: () => measure({ text: big(100_000) }), status: 400, code: 'InvalidInput', field: 'measures.0.text' },
    { category: A, name: 'approve "yes"', send: () => act('decidePlan', { approve: 'yes' }), status: 400, code: 'InvalidInput', field: 'approve' },
    { category: A, name: 'approve missing', send: () => act('reviewClosure', {}), status: 400, code: 'InvalidInput', field: 'approve' },
    { category: A, name: 'extension until "tomorrow"', send: () => act('requestExtension', { until: 'tomorrow', reason: '来不及' }), status: 400, code: 'InvalidInput', field: 'until' },
    { category: A, name: 'extension reason of 100 000 characters', send: () => act('requestExtension', { until: '2099-01-01', reason: big(100_000) }), status: 400, code: 'InvalidInput', field: 'reason' },
    { category: A, name: 'extension into the past (the workflow refuses)', send: () => act('requestExtension', { until: '2000-01-01', reason: '来不及' }), status: 400, code: 'InvalidInput', field: 'until' },
    { category: A, name: 'progress text of 100 000 characters', send: () => act('reportProgress', { text: big(100_000) }), status: 400, code: 'InvalidInput', field: 'text' },
    { category: A, name: 'reopen deadline not a date', send: () => act('reopen', { reason: '反弹', deadline: '明年' }), status: 400, code: 'InvalidInput', field: 'deadline' },
    { category: A, name: 'remind text of 501 characters', send: () => act('remind', { text: big(501) }), status: 400, code: 'InvalidInput', field: 'text' },
    { category: A, name: 'file evidence with a client-given name and size', send: () => complete([{ kind: 'file', sha256: c.finSha, name: 'x.pdf', size: 1 }]), status: 400, code: 'InvalidInput' },
    { category: A, name: 'evidence sha256 malformed', send: () => complete([{ kind: 'file', sha256: 'abc' }]), status: 400, code: 'InvalidInput', field: 'evidence.0.sha256' },
    { category: A, name: "evidence of another department's file", send: () => complete([{ kind: 'file', sha256: c.hrSha }]), status: 400, code: 'InvalidInput', field: 'evidence.0.sha256' },
    { category: A, name: 'evidence of an unknown kind', send: () => complete([{ kind: 'exe', path: '/bin/sh' }]), status: 400, code: 'InvalidInput' },
    { category: A, name: '51 pieces of evidence', send: () => complete(Array.from({ length: 51 }, () => ({ kind: 'text', text: '说明' }))), status: 400, code: 'InvalidInput', field: 'evidence' },
    { category: A, name: 'a negative outcome', send: () => complete([{ kind: 'text', text: '说明' }], { outcomes: { regulations: -3 } }), status: 400, code: 'InvalidInput', field: 'outcomes.regulations' },
    { category: A, name: 'an unknown outcome', send: () => complete([{ kind: 'text', text: '说明' }], { outcomes: { bonus: 1 } }), status: 400, code: 'InvalidInput' },
    { category: A, name: 'measureId of 100 000 characters', send: () => act('completeMeasure', { measureId: big(100_000), evidence: [{ kind: 'text', text: '说明' }] }), status: 400, code: 'InvalidInput', field: 'measureId' },
    { category: A, name: 'an action that does not exist', send: () => act('deleteAll', {}), status: 404, code: 'NotFound' },
    { category: A, name: 'an action by PUT', send: () => fin1.request('PUT', `${base}/1/actions/claim`, {}), status: 404, code: 'NotFound' },
    { category: A, name: 'cross-origin (Origin: evil.example)', send: () => act('claim', {}, EVIL), status: 403, code: 'Forbidden', message: /跨站/ },
    { category: A, name: 'cross-site (Sec-Fetch-Site, no Origin)', send: () => act('claim', {}, { 'sec-fetch-site': 'cross-site' }), status: 403, code: 'Forbidden' },
    { category: A, name: 'Origin of the same host on another port', send: () => act('claim', {}, { origin: 'http://127.0.0.1:1' }), status: 403, code: 'Forbidden' },
    { category: A, name: 'Origin that only starts like ours', send: () => act('claim', {}, { origin: `${desk.baseUrl}.evil.example` }), status: 403, code: 'Forbidden' },

    { category: U, name: '/bin/true renamed to 报告.pdf', send: () => upload('报告.pdf', elf()), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'an ELF program', send: () => upload('tool.bin', elf()), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'a Windows program renamed to .docx', send: () => upload('整改方案.docx', pe()), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'a plain zip archive', send: () => upload('材料.zip', plainZip), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'an HTML page renamed to .pdf', send: () => upload('通知.pdf', html), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'an HTML page', send: () => upload('index.html', html), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'an SVG with script', send: () => upload('图.svg', svg), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'a file of 1 MB + 1 byte (limit 1 MB)', send: () => upload('大.pdf', Buffer.concat([pdf(), Buffer.alloc(MB + 1 - pdf().length, 32)])), status: 413, code: 'PayloadTooLarge', message: /1 MB/ },
    { category: U, name: 'a file of 8 MB', send: () => upload('很大.pdf', Buffer.concat([pdf(), Buffer.alloc(8 * MB)])), status: 413, code: 'PayloadTooLarge' },
    { category: U, name: 'an empty file', send: () => upload('空.pdf', new Uint8Array(0)), status: 415, code: 'UnsupportedMediaType', message: /空文件/ },
    { category: U, name: 'the file under another field name', send: () => form([{ name: 'upload', filename: 'a.pdf', type: 'application/pdf', content: pdf() }]), status: 400, code: 'InvalidInput', field: 'upload' },
    { category: U, name: 'a text field and no file', send: () => form([{ name: 'note', content: '见附件' }]), status: 400, code: 'InvalidInput', field: 'note' },
    { category: U, name: 'a form with no parts', send: () => uploadRaw('--rectifyBoundary--\r\n', 'multipart/form-data; boundary=rectifyBoundary'), status: 400, code: 'InvalidInput', field: 'file' },
    { category: U, name: 'two files', send: () => form([{ name: 'file', filename: 'a.png', content: png(3, 3) }, { name: 'file', filename: 'b.pdf', content: pdf() }]), status: 400, code: 'InvalidInput' },
    { category: U, name: 'a file followed by a field', send: () => form([{ name: 'file', filename: 'a.png', content: png(4, 4) }, { name: 'note', content: 'x' }]), status: 400, code: 'InvalidInput', field: 'note' },
    { category: U, name: '__proto__ as field name', send: () => form([{ name: '__proto__', filename: 'a.pdf', content: pdf() }]), status: 400, code: 'InvalidInput' },
    { category: U, name: 'multipart without a boundary', send: () => uploadRaw('garbage', 'multipart/form-data'), status: 400, code: 'InvalidInput', message: /multipart/ },
    { category: U, name: 'a truncated multipart body', send: () => uploadRaw(`--rectifyBoundary\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n${png(5, 5).toString('latin1')}`, 'multipart/form-data; boundary=rectifyBoundary'), status: 400, code: 'InvalidInput' },
    { category: U, name: 'JSON instead of a file', send: () => fin1.post(`${base}/1/evidence`, { sha256: c.finSha }), status: 415, code: 'UnsupportedMediaType' },
    { category: U, name: 'as the responsible leader', send: () => upload('a.pdf', pdf(), c.vp1), status: 403, code: 'Forbidden' },
    { category: U, name: 'as admin', send: () => upload('a.pdf', pdf(), c.admin), status: 403, code: 'Forbidden' },
    { category: U, name: 'cross-origin', send: () => upload('a.pdf', pdf(), fin1, 1, EVIL), status: 403, code: 'Forbidden' },

    { category: D, name: 'sha256 too short', send: () => download('abc'), status: 400, code: 'InvalidInput', field: 'sha256' },
    { category: D, name: 'sha256 in upper case', send: () => download(c.finSha.toUpperCase()), status: 400, code: 'InvalidInput', field: 'sha256' },
    { category: D, name: 'encoded ../ as sha256', send: () => download('..%2F..%2F..%2Fetc%2Fpasswd'), status: 400, code: 'InvalidInput', field: 'sha256' },
    { category: D, name: 'raw ../ after evidence/', send: () => rawRequest(desk.baseUrl, 'GET', `${base}/1/evidence/../../../../etc/passwd`, { cookie: fin1.cookie }), status: 404, code: 'NotFound' },
    { category: D, name: "another department's file on our problem", send: () => download(c.hrSha), status: 404, code: 'NotFound' },
    { category: D, name: 'a file nobody uploaded', send: () => download('0'.repeat(64)), status: 404, code: 'NotFound' },
    { category: D, name: 'inline=2', send: () => download(c.finSha, 1, '?inline=2'), status: 400, code: 'InvalidInput', field: 'inline' },
    { category: D, name: 'an unknown query parameter', send: () => download(c.finSha, 1, '?path=/etc/passwd'), status: 400, code: 'InvalidInput' },
    { category: D, name: 'as admin', send: () => c.admin.get(`${base}/1/evidence/${c.finSha}`), status: 403, code: 'Forbidden' },

    // Another department's problem answers exactly as a number that does not exist.
    ...guessed.map(([name, send]): HostileCase => ({
      category: G, name, send: () => send(2), sameAs: () => send(999), status: 404, code: 'NotFound', message: /^找不到问题 2，或不在您的职责范围内$/,
    })),
    {
      category: G, name: "the leader of 财务科's problem on 人事科's", send: () => c.vp1.get(`${base}/2`), sameAs: () => c.vp1.get(`${base}/999`),
      status: 404, code: 'NotFound', message: /^找不到问题 2，/,
    },
  ];
}
