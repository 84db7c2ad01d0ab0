import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { uniqueId } from '../support/harness';
import { filledTemplate, INFO, ledgerWith, tempDir } from '../spreadsheet/helpers';
import { addAdmin, form } from './desk-helpers';

// 管理 → 导入 over real HTTP: a filled-in template (.xlsx written with exceljs) or a published
// report becomes a campaign with running workflows; a file with errors is answered with all of
// them by row and column, and nothing is written.

let desk: DeskHarness;
let admin: Session, office: Session;
const tmp = tempDir();
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(uniqueId('import')));
  admin = await addAdmin(desk);
  office = await desk.login('office1');
});
afterAll(async () => desk?.close());

const campaigns = async () => (await desk.h.db.query<{ id: string }>('select id from campaigns order by id')).rows.map((r) => r.id);
const ledgerFile = async (name: string, id: string, ledger?: NonNullable<Parameters<typeof filledTemplate>[1]>['ledger']) => readFileSync(await filledTemplate(tmp(name), { info: { ...INFO, 编号: id }, ledger }));
const upload = (s: Session, url: string, name: string, bytes: Uint8Array, fields?: Record<string, string>) => s.request('POST', url, form(name, bytes, fields));

describe('POST /api/admin/ledger', () => {
  test('a ledger with three errors in different rows and columns: all three listed as fields, nothing written', async () => {
    const before = await campaigns();
    const bytes = await ledgerFile('坏台账.xlsx', uniqueId('bad'), ledgerWith({ 2: { 8: '2025-13-01' }, 3: { 11: '2024-02-30' }, 4: { 6: '药剂科' } }));
    const r = await upload(office, '/api/admin/ledger', '坏台账.xlsx', bytes);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('InvalidInput');
    expect(r.body.error.fields).toEqual([
      { path: '第2行 整改时限', message: '"2025-13-01" 不是有效日期' },
      { path: '第3行 措施时限', message: '"2024-02-30" 不是有效日期' },
      { path: '第4行 责任科室', message: '未知科室 "药剂科"（「人员」表和「巡察信息」中都没有这个科室）' },
    ]);
    expect(r.body.error.message).toMatch(/^无法导入 坏台账\.xlsx：有 3 处错误，未导入任何数据/);
    expect(r.body.error.message).not.toContain('rectify-upload-');
    expect(await campaigns()).toEqual(before);
  });

  test('dry run checks only; then the import starts one workflow per problem; again is a no-op; other content under the id is 409', async () => {
    const id = uniqueId('dz');
    const bytes = await ledgerFile('台账.xlsx', id);
    const dry = await upload(office, '/api/admin/ledger', '台账.xlsx', bytes, { dryRun: '1' });
    expect(dry.body).toEqual({
      campaignId: id, name: INFO['名称'], organisation: '德州市妇幼保健院', aspects: 2, problems: 3, measures: 4, departments: 2, people: 7,
      contacts: 0, existing: 'none', dryRun: true, created: false, started: 0, alreadyRunning: 0, contactsUpdated: 0, accounts: null,
    });
    expect(await campaigns()).not.toContain(id);

    const loaded = await upload(office, '/api/admin/ledger', '台账.xlsx', bytes);
    expect(loaded.body).toMatchObject({ campaignId: id, dryRun: false, created: true, started: 3, alreadyRunning: 0, existing: 'none', accounts: null });
    const detail = await office.get(`/api/campaigns/${id}/problems/1`);
    expect(detail.status).toBe(200);
    expect(detail.body.state).toMatchObject({ campaignId: id, no: 1, title: '财务报销审核不严' });

    expect((await upload(office, '/api/admin/ledger', '台账.xlsx', bytes)).body).toMatchObject({ existing: 'same', created: false, started: 0, alreadyRunning: 3 });
    const changed = await ledgerFile('台账2.xlsx', id, ledgerWith({ 2: { 2: '财务报销审核很不严' } }));
    const conflict = await upload(office, '/api/admin/ledger', '台账2.xlsx', changed);
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: 'Conflict', fields: [{ path: 'id' }] } } });
    const audit = await desk.h.db.query("select username, detail from desk_audit where kind = 'campaign-imported' and campaign_id = $1", [id]);
    expect(audit.rows).toEqual([
      { username: 'office1', detail: { source: 'ledger:台账.xlsx', problems: 3, created: true, started: 3, contactsUpdated: 0 } },
      { username: 'office1', detail: { source: 'ledger:台账.xlsx', problems: 3, created: false, started: 0, contactsUpdated: 0 } },
    ]);
  });

  test('importAccounts=1 (administrator only): accounts for the ledger’s people, initial passwords once', async () => {
    const id = uniqueId('acc');
    const people = [['x-head', '王书记', '党委书记', '', '组长'], ['x-vp', '李院长', '副院长', '', '副组长'], ['x-office', '周主任', '', '', '办公室'], ['x-fin', '钱科长', '', '财务科', ''], ['x-hr', '吴科长', '', '人事科', '']];
    const ledger = [
      [1, '（一）关于落实全面从严治党方面', '财务报销审核不严', '', '限期整改', '李院长', '财务科', '钱科长', '2030-12-31', '修订报销管理办法', '', ''],
      [2, '关于落实全面从严治党方面', '干部档案管理不规范', '', '立行立改', 'x-vp', '人事科', 'x-hr', '2030-10-31', '', '', ''],
    ];
    const bytes = readFileSync(await filledTemplate(tmp('带账号.xlsx'), { info: { ...INFO, 编号: id }, people, ledger }));
    expect(await upload(office, '/api/admin/ledger', '带账号.xlsx', bytes, { importAccounts: '1' })).toMatchObject({ status: 403 });
    expect(await campaigns()).not.toContain(id);
    const r = await upload(admin, '/api/admin/ledger', '带账号.xlsx', bytes, { importAccounts: '1' });
    expect(r.body.error).toBeUndefined();
    const created = r.body.accounts.created as { account: { username: string; role: string; mustChangePassword: boolean }; initialPassword: string }[];
    expect(created.map((c) => [c.account.username, c.account.role]).sort()).toEqual([
      ['x-fin', 'dept_owner'], ['x-head', 'head'], ['x-hr', 'dept_owner'], ['x-office', 'office'], ['x-vp', 'leader'],
    ]);
    const fin = await desk.login('x-fin', created.find((c) => c.account.username === 'x-fin')!.initialPassword);
    expect((await fin.get('/api/auth/me')).body).toMatchObject({ mustChangePassword: true, department: '财务科' });
  });

  test('refusals: departments and leaders 403; a wrong file type, a form field unknown, no file: 400; JSON instead of a form: 415', async () => {
    const bytes = await ledgerFile('台账3.xlsx', uniqueId('x'));
    for (const u of ['fin1', 'vp1', 'head']) expect(await upload(await desk.login(u), '/api/admin/ledger', '台账3.xlsx', bytes)).toMatchObject({ status: 403 });
    const wrong = await upload(office, '/api/admin/ledger', '台账.doc', bytes);
    expect(wrong).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'file', message: expect.stringContaining('不支持的文件类型') }] } } });
    expect(await upload(office, '/api/admin/ledger', '台账3.xlsx', bytes, { dryRun: 'maybe' })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'dryRun' }] } } });
    expect(await upload(office, '/api/admin/ledger', '台账3.xlsx', bytes, { color: 'red' })).toMatchObject({ status: 400 });
    const none = new FormData();
    none.append('dryRun', '1');
    expect(await office.request('POST', '/api/admin/ledger', none)).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'file' }] } } });
    expect(await office.post('/api/admin/ledger', { file: 'x' })).toMatchObject({ status: 415 });
  });
});

describe('POST /api/admin/report', () => {
  const seed = path.resolve(__dirname, '../fixtures/seeds/dezhou-mch-2025.txt');
  const expected = JSON.parse(readFileSync(seed.replace(/\.txt$/, '.expected.json'), 'utf8')) as { aspects: { title: string; problems: { measures: string[] }[] }[] };
  const problems = expected.aspects.flatMap((a) => a.problems);

  test('dry run: what was recognised, nothing written; then the campaign is rebuilt with running workflows', async () => {
    const bytes = readFileSync(seed);
    const dry = await upload(office, '/api/admin/report', 'dezhou-mch-2025.txt', bytes, { dryRun: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ campaignId: 'dezhou-mch-2025', dryRun: true, created: false, problems: problems.length });
    expect(dry.body.recognised).toMatchObject({
      org: '德州市妇幼保健院',
      counts: { aspects: expected.aspects.length, problems: problems.length, measures: problems.reduce((n, p) => n + p.measures.length, 0) },
    });
    expect(dry.body.recognised.aspects.map((a: { title: string }) => a.title)).toEqual(expected.aspects.map((a) => a.title));
    expect(await campaigns()).not.toContain('dezhou-mch-2025');

    const id = uniqueId('rep');
    const r = await upload(office, '/api/admin/report', '德州通报.txt', bytes, { id, deadline: '2030-06-30', periodEnd: '2030-03-31' });
    expect(r.body).toMatchObject({ campaignId: id, dryRun: false, created: true, started: problems.length, organisation: '德州市妇幼保健院' });
    expect((await office.get(`/api/campaigns/${id}`)).body).toMatchObject({ concentratedPeriodEnd: '2030-03-31' });
  });

  test('refusals: no id from a Chinese file name, a bad date, not a report, not UTF-8: 400 with the field; others 403', async () => {
    const bytes = readFileSync(seed);
    expect(await upload(office, '/api/admin/report', '德州通报.txt', bytes, { dryRun: '1' })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'id' }] } } });
    expect(await upload(office, '/api/admin/report', 'a.txt', bytes, { deadline: '2030-02-30' })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'deadline' }] } } });
    const notReport = await upload(office, '/api/admin/report', 'a.txt', Buffer.from('会议纪要：今天开会。'), { id: 'x1' });
    expect(notReport).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'file' }] } } });
    expect(await upload(office, '/api/admin/report', 'a.txt', Buffer.from([0xff, 0xfe, 0x00, 0xd8]), { id: 'x2' })).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'file' }] } } });
    expect(await upload(await desk.login('fin1'), '/api/admin/report', 'a.txt', bytes, { id: 'x3' })).toMatchObject({ status: 403 });
    expect(await campaigns()).not.toEqual(expect.arrayContaining(['x1', 'x2', 'x3']));
  });
});
