import ExcelJS from 'exceljs';
import { upsertContacts } from '../../db/queries/upsert-contacts';
import { shanghaiDate } from '../../domain/dates';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { addAdmin, docText, download, fileNameOf, logins } from './desk-helpers';

// The ledger spreadsheet and the 通报 over real HTTP: the export holds exactly the problems the
// user's list shows with the same filters, and the report is the office's and the head's.

let desk: DeskHarness;
const id = uniqueId('export');
const today = shanghaiDate(Date.now());
let office: Session, fin: Session, vp2: Session, head: Session;
beforeAll(async () => {
  desk = await DeskHarness.start(deskLedger(id));
  [office, fin, vp2, head] = await logins(desk, ['office1', 'fin1', 'vp2', 'head']);
  await fin.post(`/api/campaigns/${id}/problems/1/actions/claim`);
  await eventually(async () => expect((await office.get(`/api/campaigns/${id}/problems?status=planning`)).body.total).toBe(1));
});
afterAll(async () => desk?.close());

/** 序号 of each problem in the 台账 sheet (one row per measure), in order, and the sheet's header. */
async function exported(s: Session, query: string): Promise<{ nos: number[]; header: string[]; rows: ExcelJS.CellValue[][] }> {
  const r = await download(s, `/api/campaigns/${id}/export.xlsx${query}`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(fileNameOf(r.headers)).toBe(`${id}-整改台账-${today}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('台账')!;
  const all: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1)));
  const [header, ...rows] = all;
  const nos = [...new Set(rows.map((x) => Number(x[0])))];
  return { nos, header: header!.map(String), rows };
}

const listed = async (s: Session, query: string) => ((await s.get(`/api/campaigns/${id}/problems${query}`)).body.items as { no: number }[]).map((x) => x.no);

test('the spreadsheet holds exactly the rows of the list, with the same filters and order, within each remit', async () => {
  const cases: [Session, string][] = [
    [office, ''],
    [office, '?department=人事科&sort=no&order=desc'],
    [office, '?status=planning'],
    [office, '?q=档案'],
    [fin, ''],
    [fin, '?department=人事科'],
    [vp2, ''],
    [head, '?kind=long-term'],
  ];
  for (const [s, query] of cases) {
    const sep = query ? '&' : '?';
    const expected = await listed(s, `${query}${sep}pageSize=200`);
    expect({ query, nos: (await exported(s, query)).nos }).toEqual({ query, nos: expected });
  }
  expect((await exported(office, '?department=人事科&sort=no&order=desc')).nos).toEqual([3, 2]);
  expect((await exported(fin, '')).nos).toEqual([1]);
  expect((await exported(fin, '?department=人事科')).nos).toEqual([]);
});

test('the live columns come along: status, measures, and the template layout', async () => {
  const { header, rows } = await exported(office, '?status=planning');
  expect(header.slice(0, 3)).toEqual(['序号', '方面', '问题']);
  const status = header.indexOf('状态');
  expect(rows).toHaveLength(1);
  expect(rows[0]![status]).toBe('制定措施中');
  expect(rows[0]![header.indexOf('整改措施')]).toBe('修订报销管理办法');
});

test('export refusals: the administrator 403; unknown or paging parameters 400 with the field; unknown campaign 404', async () => {
  const admin = await addAdmin(desk);
  expect((await download(admin, `/api/campaigns/${id}/export.xlsx`)).status).toBe(403);
  const bad = await download(office, `/api/campaigns/${id}/export.xlsx?status=bogus&dueWithinDays=-1`);
  expect(bad.status).toBe(400);
  expect(bad.json.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['dueWithinDays', 'status.0']);
  expect((await download(office, `/api/campaigns/${id}/export.xlsx?page=2`)).status).toBe(400);
  expect((await download(office, '/api/campaigns/no-such/export.xlsx')).status).toBe(404);
  const audit = await desk.h.db.query<{ username: string }>("select username from desk_audit where kind = 'export-ledger' and campaign_id = $1", [id]);
  expect(audit.rows.length).toBeGreaterThan(10);
});

test('通报: the office and the head get the Word report as of a day; others 403; a bad date 400', async () => {
  for (const s of [office, head]) {
    const r = await download(s, `/api/campaigns/${id}/report.docx?asOf=${today}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(fileNameOf(r.headers)).toBe(`${id}-整改进展情况通报-${today}.docx`);
    const text = await docText(r.bytes);
    expect(text).toContain('中共德州市妇幼保健院委员会关于市委第五巡察组巡察整改进展情况的通报');
    expect(text).toContain('财务报销审核不严');
  }
  expect((await download(office, `/api/campaigns/${id}/report.docx`)).status).toBe(200);
  for (const s of [fin, vp2]) expect((await download(s, `/api/campaigns/${id}/report.docx`)).status).toBe(403);
  const bad = await download(office, `/api/campaigns/${id}/report.docx?asOf=2025-02-30`);
  expect(bad).toMatchObject({ status: 400, json: { error: { code: 'InvalidInput', fields: [{ path: 'asOf' }] } } });
  expect((await download(office, '/api/campaigns/no-such/report.docx')).status).toBe(404);
});

test('people\'s email and mobile go into the export for the office and the head, not for a department', async () => {
  await upsertContacts(desk.h.db, [{ personId: 'fin1', email: 'fin1@hospital.example', mobile: '13800000001' }], new Date());
  const people = async (s: Session) => {
    const r = await download(s, `/api/campaigns/${id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ExcelJS.Buffer);
    const rows: string[] = [];
    wb.getWorksheet('人员')!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? '')).join('|')));
    return rows.join('\n');
  };
  expect(await people(office)).toContain('fin1@hospital.example');
  expect(await people(head)).toContain('13800000001');
  const forDepartment = await people(fin);
  expect(forDepartment).toContain('钱科长');
  expect(forDepartment).not.toContain('fin1@hospital.example');
  expect(forDepartment).not.toContain('13800000001');
});
