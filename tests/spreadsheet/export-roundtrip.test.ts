// Export the live ledger from a real PostgreSQL database, import the file again, and get the
// ledger that was loaded — while the export's extra columns show the live state.
import ExcelJS from 'exceljs';
import { UserError } from '../../domain/errors';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { recordProblem } from '../../db/queries/record-problem';
import type { CampaignLedger } from '../../domain/schemas';
import { exportLedger } from '../../spreadsheet/export';
import { readLedgerBase, readLedgerFile } from '../../spreadsheet/import';
import { EXPORT_COLUMNS, LEDGER_COLUMNS } from '../../spreadsheet/layout';
import { scenario, testLedger } from '../db/fixtures';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import { sheet, tempDir, Value } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());
const tmp = tempDir();

/**
 * The database keeps no order for the directory (people come back by id, departments by name),
 * and `closed` (a problem a published report had closed) is not a template column.
 */
function comparable(l: CampaignLedger): CampaignLedger {
  return {
    ...l,
    people: [...l.people].sort((a, b) => (a.id < b.id ? -1 : 1)),
    departments: [...l.departments].sort(),
    problems: l.problems.map(({ closed: _closed, ...p }) => p),
  };
}

const rowsOf = async (file: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const values = (sheet(wb, '台账').getSheetValues() as Value[][]).slice(1).map((r) => r.slice(1));
  return { wb, header: values[0]!.map(String), rows: values.slice(1) };
};

describe('exportLedger', () => {
  const ledger = testLedger({ id: 'rt-1', problems: testLedger().problems.map((p) => (p.no === 3 ? { ...p, description: '医德医风教育每年不足两次，流于形式' } : p)) });
  let xlsx: string;
  beforeAll(async () => {
    await insertCampaign(t.db, ledger);
    // Make it live: problem 1 in progress with M1 done, problem 2 in leader review, problem 3 reported on.
    for (const w of scenario(ledger)) await recordProblem(t.db, w);
    xlsx = tmp('导出.xlsx');
  });

  test('xlsx → import gives back the ledger that was loaded (policy, leading group, descriptions included)', async () => {
    expect(await exportLedger(t.db, 'rt-1', xlsx)).toEqual({ problems: 4, rows: 5 });
    expect(comparable(await readLedgerFile(xlsx))).toEqual(comparable(ledger));
  });

  test('the 台账 sheet has the template columns, then the live status columns', async () => {
    const { header, rows } = await rowsOf(xlsx);
    expect(header).toEqual([...LEDGER_COLUMNS, ...EXPORT_COLUMNS]);
    const col = (name: string) => header.indexOf(name);
    const [p1m1, p1m2, p2m1, p3, p4m1] = rows.map((r) => Object.fromEntries(header.map((h) => [h, r[col(h)] ?? null])));
    expect(p1m1).toMatchObject({
      序号: 1, 问题: '大额资金支出未经集体决策', 整改类型: '限期整改', 责任领导: '林院长', 责任人: '郑科长', 整改措施: '修订“三重一大”决策制度',
      状态: '整改中', 预警: '无', 措施完成: '是', '建章立制（项）': 2, '挽回资金损失（万元）': 12.35, '诫勉（人）': 1, 最近操作: '审批整改措施 2025-01-06 09:03',
    });
    // Dates are date cells showing the calendar date: midnight UTC is what Excel displays as that day.
    expect(p1m1!['整改时限']).toEqual(new Date(Date.UTC(2025, 2, 31)));
    expect(p1m1!['承诺整改时限']).toEqual(new Date(Date.UTC(2025, 2, 31)));
    expect(p1m2).toMatchObject({ 序号: 1, 整改措施: '清查2023年以来大额支出', 措施责任人: '冯会计', 措施完成: '否', '建章立制（项）': 0 });
    expect(p2m1).toMatchObject({ 序号: 2, 状态: '待责任领导审核', '党纪处分（人）': 2, '责令检查（人）': 3, '挽回资金损失（万元）': 0.5 });
    expect(p3).toMatchObject({ 序号: 3, 问题描述: '医德医风教育每年不足两次，流于形式', 整改类型: '长期坚持', 整改措施: null, 措施完成: null, 整改时限: null });
    expect(p4m1).toMatchObject({ 序号: 4, 状态: '已销号', 措施完成: '是' });
  });

  test('巡察信息 and 人员 carry the campaign, its departments, policy and leading group (group first)', async () => {
    const { wb } = await rowsOf(xlsx);
    const info = Object.fromEntries((sheet(wb, '巡察信息').getSheetValues() as Value[][]).slice(2).map((r) => [String(r[1]), r[2] ?? null]));
    expect(info).toMatchObject({ 编号: 'rt-1', 被巡察单位: '青城市人民医院', 反馈日期: new Date(Date.UTC(2024, 11, 20)), 科室: '医务科、财务科', 逾期几天亮红牌: '5', 逾期几天亮黄牌: null });
    const people = (sheet(wb, '人员').getSheetValues() as Value[][]).slice(2).map((r) => [r[1], r[5] ?? '']);
    expect(people).toEqual([['sec', '组长'], ['dean', '副组长'], ['vp', '副组长'], ['clerk', '办公室'], ['fin-head', '成员'], ['med-head', '成员'], ['fin-2', '']]);
  });

  test('csv: the 台账 sheet only; with the xlsx export as base it imports to the same ledger', async () => {
    const csv = tmp('导出.csv');
    expect(await exportLedger(t.db, 'rt-1', csv)).toEqual({ problems: 4, rows: 5 });
    const imported = await readLedgerFile(csv, { base: await readLedgerBase(xlsx) });
    expect(comparable(imported)).toEqual(comparable(ledger));
  });

  test('an unknown campaign or output type is a clear error', async () => {
    await expect(exportLedger(t.db, 'no-such', tmp('x.xlsx'))).rejects.toThrow(new UserError('找不到巡察整改「no-such」：请确认编号'));
    await expect(exportLedger(t.db, 'rt-1', tmp('x.pdf'))).rejects.toThrow(/输出文件须以 \.xlsx 或 \.csv 结尾/);
  });
});

test('people who share a name are written by id, everyone else by name, and still round-trip', async () => {
  const base = smallLedger();
  const ledger = smallLedger({
    id: 'rt-names',
    people: [...base.people, { id: 'fin3', name: '钱科长', department: '财务科' }],
    problems: [
      ...base.problems,
      { no: 4, aspect: 1, title: '固定资产账实不符', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin3', deadline: '2025-01-31',
        measures: [{ text: '开展资产清查', owner: 'fin1', due: '2025-01-15' }] },
    ],
  });
  await insertCampaign(t.db, ledger);
  const file = tmp('重名.xlsx');
  await exportLedger(t.db, 'rt-names', file);
  const { header, rows } = await rowsOf(file);
  const owners = rows.map((r) => [r[header.indexOf('责任人')], r[header.indexOf('措施责任人')] ?? null]);
  expect(owners).toEqual([['fin1', 'fin1'], ['吴科长', null], ['吴科长', null], ['fin3', 'fin1']]);
  expect(rows[0]![header.indexOf('责任领导')]).toBe('李院长');
  expect(comparable(await readLedgerFile(file))).toEqual(comparable(ledger));
});
