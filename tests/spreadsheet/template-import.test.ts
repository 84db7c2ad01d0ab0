import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { UserError } from '../../domain/errors';
import { readLedgerFile } from '../../spreadsheet/import';
import { LEDGER_COLUMNS, PEOPLE_COLUMNS } from '../../spreadsheet/layout';
import { writeTemplate } from '../../spreadsheet/template';
import { expectedLedger, filledTemplate, importErrors, LEDGER, ledgerWith, sheet, tempDir, Value } from './helpers';

const tmp = tempDir();

const headerOf = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as Value[]).slice(1).map(String);

describe('rectify template', () => {
  test('an .xlsx with the 台账, 巡察信息, 人员 and 说明 sheets and their Chinese headers', async () => {
    const file = tmp('模板.xlsx');
    await writeTemplate(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['台账', '巡察信息', '人员', '说明']);
    expect(headerOf(sheet(wb, '台账'))).toEqual([
      '序号', '方面', '问题', '问题描述', '整改类型', '责任领导', '责任科室', '责任人', '整改时限', '整改措施', '措施责任人', '措施时限',
    ]);
    expect(headerOf(sheet(wb, '人员'))).toEqual(['编号', '姓名', '职务', '科室', '角色', '邮箱', '手机', '企业微信', '钉钉', '飞书']);
    const infoKeys = sheet(wb, '巡察信息').getColumn(1).values.slice(2).map(String);
    expect(infoKeys.slice(0, 8)).toEqual(['编号', '名称', '被巡察单位', '巡察组', '巡察开始', '巡察结束', '反馈日期', '集中整改期截止']);
    // 整改类型 offers the three kinds as a drop-down.
    expect(sheet(wb, '台账').getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"立行立改,限期整改,长期坚持"'] });
    expect(sheet(wb, '人员').getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"组长,副组长,办公室,成员"'] });
  });

  test('说明 explains every column of 台账 and 人员, each with an example', async () => {
    const file = tmp('说明.xlsx');
    await writeTemplate(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows = (sheet(wb, '说明').getSheetValues() as Value[][]).slice(2).map((r) => r.slice(1).map((v) => String(v ?? '')));
    const explained = (sheetName: string, column: string) => rows.find((r) => r[0] === sheetName && r[1] === column);
    for (const column of LEDGER_COLUMNS) {
      const row = explained('台账', column);
      expect({ column, explained: !!row?.[3], example: !!row?.[4] }).toEqual({ column, explained: true, example: true });
    }
    for (const column of PEOPLE_COLUMNS) expect(explained('人员', column)?.[4]).toBeTruthy();
    expect(explained('巡察信息', '反馈日期')?.[4]).toBe('2024-09-26');
  });

  test('a missing directory or another extension is a clear error', async () => {
    await expect(writeTemplate(tmp('没有/模板.xlsx'))).rejects.toThrow(new UserError(`无法写入 ${tmp('没有/模板.xlsx')}：目录 ${tmp('没有')} 不存在`));
    await expect(writeTemplate(tmp('模板.xls'))).rejects.toThrow(new UserError(`输出文件须以 .xlsx 或 .csv 结尾：${tmp('模板.xls')}`));
  });

  test('a .csv template is the 台账 header only, UTF-8 with a BOM so Excel shows the Chinese', async () => {
    const file = tmp('模板.csv');
    await writeTemplate(file);
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFF${LEDGER_COLUMNS.join(',')}\r\n`);
  });
});

describe('template → fill → import', () => {
  test('gives the ledger the sheets describe: names or ids, continuation rows, defaults, aspects by first mention', async () => {
    const file = await filledTemplate(tmp('填好.xlsx'));
    expect(await readLedgerFile(file)).toEqual(expectedLedger());
  });

  test('continuation rows may repeat the problem columns (merged cells read the same way)', async () => {
    const repeated = ledgerWith({ 3: { 1: '（一）关于落实全面从严治党方面', 2: '财务报销审核不严', 4: '限期整改', 5: 'vp1', 6: '财务科', 7: 'fin1', 8: new Date(Date.UTC(2024, 11, 31)) } });
    const merged = await filledTemplate(tmp('合并.xlsx'), {
      ledger: LEDGER,
      edit: (wb) => {
        const ws = sheet(wb, '台账');
        for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']) ws.mergeCells(`${col}2:${col}3`);
      },
    });
    expect(await readLedgerFile(await filledTemplate(tmp('重复.xlsx'), { ledger: repeated }))).toEqual(expectedLedger());
    expect(await readLedgerFile(merged)).toEqual(expectedLedger());
  });

  test('a title row above the header, reordered columns, "责任部门" for 责任科室 and extra columns are fine', async () => {
    const file = tmp('自制.xlsx');
    await filledTemplate(file, {
      edit: (wb) => {
        const ws = sheet(wb, '台账');
        const rows = (ws.getSheetValues() as Value[][]).slice(1).map((r) => r.slice(1));
        wb.removeWorksheet(ws.id);
        const own = wb.addWorksheet('台账');
        own.addRow(['德州市妇幼保健院巡察整改台账']);
        // Columns reversed, 责任科室 renamed, a notes column added.
        for (const r of rows) own.addRow([...Array.from({ length: 12 }, (_, i) => r[11 - i] ?? null), '备注'].map((v, i) => (v === '责任科室' && i === 5 ? '责任部门' : v)));
      },
    });
    expect(await readLedgerFile(file)).toEqual(expectedLedger());
  });

  test('onProgress reports the rows checked, ending at the total', async () => {
    const calls: [number, number][] = [];
    await readLedgerFile(await filledTemplate(tmp('进度.xlsx')), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.at(-1)).toEqual([LEDGER.length, LEDGER.length]);
  });

  test('a JSON ledger is read and validated as before', async () => {
    const file = tmp('台账.json');
    writeFileSync(file, JSON.stringify(expectedLedger()));
    expect(await readLedgerFile(file)).toEqual(expectedLedger());
    const broken = tmp('坏.json');
    writeFileSync(broken, JSON.stringify({ ...expectedLedger(), feedbackDate: '2024-02-30', departments: ['财务科'] }));
    expect(await importErrors(broken)).toEqual([
      'feedbackDate: "2024-02-30" 不是有效日期（格式 YYYY-MM-DD）',
      'people.6.department: 未知科室: 人事科',
      'problems.1.department: 未知科室: 人事科',
      'problems.2.department: 未知科室: 人事科',
    ]);
    writeFileSync(broken, '{"id": ');
    expect(await importErrors(broken)).toEqual([expect.stringMatching(/^不是有效的 JSON：/)]);
  });
});
