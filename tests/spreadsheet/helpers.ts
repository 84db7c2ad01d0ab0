// Spreadsheets for the tests, made with exceljs into a temp dir the way a person would fill the
// template: nothing binary is committed.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../domain/errors';
import type { CampaignLedger } from '../../domain/schemas';
import { readLedgerFile, ReadLedgerOptions } from '../../spreadsheet/import';
import { writeTemplate } from '../../spreadsheet/template';

export type Value = ExcelJS.CellValue;

/** A temp dir for one test file; removed after it. */
export function tempDir(): (name: string) => string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-sheet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => path.join(dir, name);
}

export const INFO: Record<string, Value> = {
  编号: 'dz-2024',
  名称: '市委第五巡察组反馈问题整改',
  被巡察单位: '德州市妇幼保健院',
  巡察组: '市委第五巡察组',
  巡察开始: '2024-03-25',
  巡察结束: '2024-06-30',
  反馈日期: '2024-09-26',
  集中整改期截止: '2024-12-26',
};

/** 人员 rows 2–8; 孙会计 (row 7) has no 编号, so she becomes "p7". */
export const PEOPLE: Value[][] = [
  ['head', '王书记', '党委书记', '', '组长'],
  ['vp1', '李院长', '副院长', '', '副组长'],
  ['vp2', '赵院长', '副院长', '', '副组长'],
  ['office1', '周主任', '整改办主任', '', '办公室'],
  ['fin1', '钱科长', '财务科科长', '财务科', '成员'],
  ['', '孙会计', '会计', '财务科', ''],
  ['hr1', '吴科长', '', '人事科', '成员'],
];

/** 台账 rows 2–6, in the template's column order. */
export const LEDGER: Value[][] = [
  [1, '（一）关于落实全面从严治党方面', '财务报销审核不严', '部分报销单据审核流于形式', '限期整改', '李院长', '财务科', '钱科长', '2024-12-31', '修订报销管理办法', '', '2024-12-15'],
  [1, '', '', '', '', '', '', '', '', '开展报销单据专项检查', '孙会计', ''],
  [2, '关于落实全面从严治党方面', '干部档案管理不规范', '', '立行立改', 'vp2', '人事科', 'hr1', '2024年10月31日', '', '', ''],
  [3, '（二）关于干部队伍建设方面', '理论学习不深入', '', '长期坚持', '赵院长', '人事科', '吴科长', '', '制定年度学习计划', '', '2025-01-31'],
  ['', '', '', '', '', '', '', '', '', '每月集中学习一次', 'hr1', '2025/6/30'],
];

/** What INFO, PEOPLE and LEDGER mean. */
export function expectedLedger(): CampaignLedger {
  return {
    id: 'dz-2024',
    name: '市委第五巡察组反馈问题整改',
    organisation: '德州市妇幼保健院',
    inspectionTeam: '市委第五巡察组',
    inspectionStart: '2024-03-25',
    inspectionEnd: '2024-06-30',
    feedbackDate: '2024-09-26',
    concentratedPeriodEnd: '2024-12-26',
    leadingGroup: { head: 'head', deputies: ['vp1', 'vp2'], office: ['office1'], members: ['fin1', 'hr1'] },
    people: [
      { id: 'head', name: '王书记', title: '党委书记' },
      { id: 'vp1', name: '李院长', title: '副院长' },
      { id: 'vp2', name: '赵院长', title: '副院长' },
      { id: 'office1', name: '周主任', title: '整改办主任' },
      { id: 'fin1', name: '钱科长', title: '财务科科长', department: '财务科' },
      { id: 'p7', name: '孙会计', title: '会计', department: '财务科' },
      { id: 'hr1', name: '吴科长', department: '人事科' },
    ],
    departments: ['财务科', '人事科'],
    policy: {},
    aspects: [
      { no: 1, title: '关于落实全面从严治党方面' },
      { no: 2, title: '关于干部队伍建设方面' },
    ],
    problems: [
      {
        no: 1, aspect: 1, title: '财务报销审核不严', description: '部分报销单据审核流于形式', kind: 'time-bound',
        responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline: '2024-12-31',
        measures: [
          { text: '修订报销管理办法', owner: 'fin1', due: '2024-12-15' },
          { text: '开展报销单据专项检查', owner: 'p7', due: '2024-12-31' },
        ],
      },
      {
        no: 2, aspect: 1, title: '干部档案管理不规范', description: '', kind: 'immediate',
        responsibleLeader: 'vp2', department: '人事科', owner: 'hr1', deadline: '2024-10-31', measures: [],
      },
      {
        no: 3, aspect: 2, title: '理论学习不深入', description: '', kind: 'long-term', responsibleLeader: 'vp2', department: '人事科', owner: 'hr1',
        measures: [
          { text: '制定年度学习计划', owner: 'hr1', due: '2025-01-31' },
          { text: '每月集中学习一次', owner: 'hr1', due: '2025-06-30' },
        ],
      },
    ],
  };
}

export interface Fill {
  info?: Record<string, Value>;
  people?: Value[][];
  ledger?: Value[][];
  /** Changes to the workbook after filling, e.g. to delete a column. */
  edit?(wb: ExcelJS.Workbook): void;
  /** Store the zip entries uncompressed (fast for big embedded data). */
  store?: boolean;
}

/** The template filled in as a person would: 巡察信息 values, then rows under each header. */
export async function filledTemplate(file: string, fill: Fill = {}): Promise<string> {
  await writeTemplate(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const info = sheet(wb, '巡察信息');
  const values = fill.info ?? INFO;
  info.eachRow((row) => {
    const label = String(row.getCell(1).value);
    if (label in values) row.getCell(2).value = values[label] ?? null;
  });
  putRows(sheet(wb, '人员'), fill.people ?? PEOPLE);
  putRows(sheet(wb, '台账'), fill.ledger ?? LEDGER);
  fill.edit?.(wb);
  await wb.xlsx.writeFile(file, fill.store ? { zip: { compression: 'STORE' } } : {});
  return file;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function putRows(ws: ExcelJS.Worksheet, rows: Value[][]): void {
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    values.forEach((v, j) => {
      if (v !== '' && v !== null) row.getCell(j + 1).value = v;
    });
    row.commit();
  });
}

/** A copy of LEDGER with some cells changed: { row (sheet row number): { column index: value } }. */
export function ledgerWith(changes: Record<number, Record<number, Value>>, extraRows: Value[][] = []): Value[][] {
  return [...LEDGER, ...extraRows].map((r, i) => r.map((v, j) => (changes[i + 2] && j in changes[i + 2]! ? changes[i + 2]![j]! : v)));
}

/** The error lines of a refused import (without the heading line), checking that nothing came back. */
export async function importErrors(file: string, opts?: ReadLedgerOptions): Promise<string[]> {
  let result: CampaignLedger | undefined;
  try {
    result = await readLedgerFile(file, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const [heading, ...lines] = (e as Error).message.split('\n');
    expect(heading).toMatch(new RegExp(`^无法导入 .*${path.basename(file).replace(/\./g, '\\.')}：`));
    return heading!.includes('处错误') ? lines : [heading!.replace(/^无法导入 [^：]*：/, '')];
  }
  throw new Error(`expected the import to fail, got ${JSON.stringify(result).slice(0, 200)}`);
}
