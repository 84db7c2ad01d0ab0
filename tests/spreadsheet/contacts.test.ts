// Contacts in the people sheet (邮箱, 手机, 企业微信, 钉钉, 飞书): read and checked with the other
// cells, carried beside the ledger so they never change its identity, and exported live.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { getContact } from '../../db/queries/get-contact';
import { insertCampaign, ledgerHash } from '../../db/queries/insert-campaign';
import { listContacts } from '../../db/queries/list-contacts';
import { saveLedgerContacts } from '../../services/contacts';
import { exportLedger } from '../../spreadsheet/export';
import { readLedgerBase, readLedgerFile, readLedgerWithContacts } from '../../spreadsheet/import';
import { migratedPg, type TestDb } from '../db/pg';
import { expectedLedger, filledTemplate, importErrors, PEOPLE, sheet, tempDir, type Value } from './helpers';

const tmp = tempDir();
let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

/** PEOPLE (rows 2–8) with contact cells: { sheet row: [邮箱, 手机, 企业微信, 钉钉, 飞书] }. */
function peopleWith(contacts: Record<number, Value[]>): Value[][] {
  return PEOPLE.map((r, i) => [...r, ...(contacts[i + 2] ?? [])]);
}

const CONTACTS: Record<number, Value[]> = {
  5: ['zhou@hospital.cn', '', 'ZhouZhuRen', '', ''],
  6: ['qian@hospital.cn', 13800138000, '', 'manager4521', 'ou_7d8a6e6df7621556'],
  7: ['', '+86 139-0000-1111', '', '', ''],
};

test('the template has the contact columns after 角色, explained in 说明, 手机 kept as text', async () => {
  const file = await filledTemplate(tmp('模板.xlsx'), { people: [], ledger: [] });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const header = (sheet(wb, '人员').getRow(1).values as Value[]).slice(1).map(String);
  expect(header).toEqual(['编号', '姓名', '职务', '科室', '角色', '邮箱', '手机', '企业微信', '钉钉', '飞书']);
  expect(sheet(wb, '人员').getColumn(7).numFmt).toBe('@');
  const guide = Array.from(sheet(wb, '说明').getSheetValues() as Value[][], (r) => Array.from((r ?? []).slice(1), (v) => String(v ?? '')));
  for (const column of ['邮箱', '手机', '企业微信', '钉钉', '飞书']) {
    expect(guide.find((r) => r[0] === '人员' && r[1] === column)).toEqual(['人员', column, '选填', expect.stringMatching(/\S/), expect.stringMatching(/\S/)]);
  }
});

test('import reads them beside the ledger: the ledger itself (and its hash) is the one without contacts', async () => {
  const file = await filledTemplate(tmp('联系方式.xlsx'), { people: peopleWith(CONTACTS) });
  const { ledger, contacts } = await readLedgerWithContacts(file);
  expect(ledger).toEqual(expectedLedger());
  expect(ledgerHash(ledger)).toBe(ledgerHash(expectedLedger()));
  expect(contacts).toEqual([
    { personId: 'office1', email: 'zhou@hospital.cn', wecomUserId: 'ZhouZhuRen' },
    { personId: 'fin1', email: 'qian@hospital.cn', mobile: '13800138000', dingtalkUserId: 'manager4521', feishuOpenId: 'ou_7d8a6e6df7621556' },
    // 孙会计 has no 编号: her contacts go with the id made for her.
    { personId: 'p7', mobile: '+86139-0000-1111' },
  ]);
});

test('the headers people write instead: 电子邮箱, Email, 手机号, 联系电话, 企业微信账号, 钉钉账号, 飞书账号', async () => {
  for (const [email, mobile] of [['电子邮箱', '手机号'], ['Email', '联系电话']] as const) {
    const file = await filledTemplate(tmp(`别名-${email}.xlsx`), {
      people: peopleWith(CONTACTS),
      edit: (wb) => {
        const row = sheet(wb, '人员').getRow(1);
        ['', '', '', '', '', email, mobile, '企业微信账号', '钉钉账号', '飞书账号'].forEach((h, i) => h && (row.getCell(i + 1).value = h));
        row.commit();
      },
    });
    const { contacts } = await readLedgerWithContacts(file);
    expect(contacts.find((c) => c.personId === 'fin1')).toEqual({ personId: 'fin1', email: 'qian@hospital.cn', mobile: '13800138000', dingtalkUserId: 'manager4521', feishuOpenId: 'ou_7d8a6e6df7621556' });
  }
});

test('every bad value is listed with its row and column, and nothing is imported', async () => {
  const file = await filledTemplate(tmp('错误.xlsx'), {
    people: peopleWith({
      2: ['王书记@', '', '', '', ''],
      3: ['', '12345', 'has space', '', ''],
      6: ['qian@hospital.cn', '138001380001380013800', '', '钉钉/号', 'x'.repeat(129)],
    }),
  });
  expect(await importErrors(file)).toEqual([
    '「人员」第2行 邮箱: 邮箱地址格式不正确："王书记@"',
    '「人员」第3行 手机: 手机号格式不正确："12345"',
    '「人员」第3行 企业微信: 企业微信 userid只能包含字母、数字和 . _ - @ :："has space"',
    '「人员」第6行 手机: 手机号格式不正确："138001380001380013800"',
    '「人员」第6行 钉钉: 钉钉 userId只能包含字母、数字和 . _ - @ :："钉钉/号"',
    `「人员」第6行 飞书: 飞书 open_id过长："${'x'.repeat(129)}"`,
  ]);
});

test('loading the same ledger again with contacts added or changed is accepted and updates only them', async () => {
  const first = await readLedgerWithContacts(await filledTemplate(tmp('第一次.xlsx'), { people: peopleWith(CONTACTS) }));
  expect(await insertCampaign(t.db, first.ledger)).toEqual({ created: true });
  expect(await saveLedgerContacts(t.db, first.contacts)).toBe(3);
  // The same file again: nothing to update.
  expect(await saveLedgerContacts(t.db, first.contacts)).toBe(0);

  // fin1's email changes, hr1 gets one, 周主任's cells are left blank (kept), 孙会计's are the same.
  const changed = peopleWith({ 6: ['qian.new@hospital.cn', 13800138000], 7: ['', '+86 139-0000-1111'], 8: ['wu@hospital.cn'] });
  const second = await readLedgerWithContacts(await filledTemplate(tmp('第二次.xlsx'), { people: changed }));
  expect(ledgerHash(second.ledger)).toBe(ledgerHash(first.ledger));
  expect(await insertCampaign(t.db, second.ledger)).toEqual({ created: false });
  expect(await saveLedgerContacts(t.db, second.contacts)).toBe(2);
  expect(await getContact(t.db, 'fin1')).toMatchObject({ email: 'qian.new@hospital.cn', mobile: '13800138000', dingtalkUserId: 'manager4521', channels: null });
  expect(await getContact(t.db, 'hr1')).toMatchObject({ email: 'wu@hospital.cn', mobile: null });
  expect(await getContact(t.db, 'office1')).toMatchObject({ email: 'zhou@hospital.cn', wecomUserId: 'ZhouZhuRen' });
});

test('the export writes the live contacts and reads back to the same contacts (and the same ledger)', async () => {
  const xlsx = tmp('导出.xlsx');
  await exportLedger(t.db, 'dz-2024', xlsx);
  const back = await readLedgerWithContacts(xlsx);
  const stored = await listContacts(t.db, expectedLedger().people.map((p) => p.id));
  const fields = ({ personId, email, mobile, wecomUserId, dingtalkUserId, feishuOpenId }: (typeof stored)[number]) =>
    Object.fromEntries(Object.entries({ personId, email, mobile, wecomUserId, dingtalkUserId, feishuOpenId }).filter(([, v]) => v !== null));
  expect([...back.contacts].sort((a, b) => a.personId.localeCompare(b.personId))).toEqual(stored.map(fields));
  expect(await saveLedgerContacts(t.db, back.contacts)).toBe(0);
  // A csv of the ledger takes the contacts of its base workbook.
  const csv = tmp('导出.csv');
  await exportLedger(t.db, 'dz-2024', csv);
  expect((await readLedgerWithContacts(csv, { base: await readLedgerBase(xlsx) })).contacts).toEqual(back.contacts);
  // Without contacts the 人员 columns stay empty, and the ledger read back is the very same.
  const bare = tmp('无联系方式.xlsx');
  await exportLedger(t.db, 'dz-2024', bare, { contacts: false });
  const bareBack = await readLedgerWithContacts(bare);
  expect(bareBack.contacts).toEqual([]);
  expect(ledgerHash(bareBack.ledger)).toBe(ledgerHash(back.ledger));
});

test('a JSON ledger carries them per person as `contact`; bad ones are reported by path', async () => {
  const ledger = expectedLedger();
  const withContacts = {
    ...ledger,
    people: ledger.people.map((p) => (p.id === 'fin1' ? { ...p, contact: { email: 'qian@hospital.cn', mobile: '138 0013 8000', channels: ['email', 'dingtalk'] } } : p)),
  };
  const good = tmp('联系方式.json');
  writeFileSync(good, JSON.stringify(withContacts));
  const read = await readLedgerWithContacts(good);
  expect(read.ledger).toEqual(ledger);
  expect(read.contacts).toEqual([{ personId: 'fin1', email: 'qian@hospital.cn', mobile: '13800138000', channels: ['email', 'dingtalk'] }]);
  expect(await readLedgerFile(good)).toEqual(ledger);

  const bad = tmp('错误联系方式.json');
  writeFileSync(bad, JSON.stringify({ ...withContacts, people: withContacts.people.map((p, i) => (i === 1 ? { ...p, contact: { email: 'nope', pager: '1' } } : p)) }));
  expect(await importErrors(bad)).toEqual(['people.1.contact.email: 邮箱地址格式不正确', "people.1.contact: 包含未知字段"]);
});
