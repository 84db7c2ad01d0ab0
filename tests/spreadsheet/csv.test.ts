// A csv holds the 台账 sheet only; campaign metadata and people come from the base.
import { writeFileSync } from 'node:fs';
import { parseCsv, toCsv } from '../../spreadsheet/csv';
import { readLedgerBase, readLedgerFile } from '../../spreadsheet/import';
import { expectedLedger, filledTemplate, importErrors, tempDir } from './helpers';

const tmp = tempDir();

const HEADER = '序号,方面,问题,问题描述,整改类型,责任领导,责任科室,责任人,整改时限,整改措施,措施责任人,措施时限';
/** LEDGER of helpers.ts as csv: quoted fields with commas, quotes and a line break. */
const ROWS = [
  '1,（一）关于落实全面从严治党方面,财务报销审核不严,部分报销单据审核流于形式,限期整改,李院长,财务科,钱科长,2024-12-31,修订报销管理办法,,2024-12-15',
  '1,,,,,,,,,"开展报销单据专项检查，""逐单""核对",孙会计,',
  '2,关于落实全面从严治党方面,干部档案管理不规范,,立行立改,vp2,人事科,hr1,2024年10月31日,,,',
  '3,（二）关于干部队伍建设方面,理论学习不深入,,长期坚持,赵院长,人事科,吴科长,,"制定年度学习计划\n（含专题研讨）",,2025-01-31',
  ',,,,,,,,,每月集中学习一次,hr1,2025/6/30',
];

function expected() {
  const l = expectedLedger();
  l.problems[0]!.measures[1]!.text = '开展报销单据专项检查，"逐单"核对';
  l.problems[2]!.measures[0]!.text = '制定年度学习计划\n（含专题研讨）';
  return l;
}

let base: Awaited<ReturnType<typeof readLedgerBase>>;
beforeAll(async () => {
  // The filled-in template's 巡察信息 and 人员 sheets are the base.
  base = await readLedgerBase(await filledTemplate(tmp('基础信息.xlsx'), { ledger: [] }));
});

test('UTF-8 with a BOM and CRLF, as Excel saves "CSV UTF-8"', async () => {
  const file = tmp('台账-bom.csv');
  writeFileSync(file, `\uFEFF${[HEADER, ...ROWS].join('\r\n')}\r\n`);
  expect(await readLedgerFile(file, { base })).toEqual(expected());
});

test('UTF-8 without a BOM, LF line ends, no final line break', async () => {
  const file = tmp('台账-lf.csv');
  writeFileSync(file, [HEADER, ...ROWS].join('\n'));
  expect(await readLedgerFile(file, { base })).toEqual(expected());
});

test('a JSON ledger can be the base too', async () => {
  const file = tmp('台账-json.csv');
  writeFileSync(file, [HEADER, ...ROWS].join('\n'));
  const json = tmp('基础信息.json');
  const { problems: _p, aspects: _a, ...meta } = expectedLedger();
  writeFileSync(json, JSON.stringify(meta));
  expect(await readLedgerFile(file, { base: await readLedgerBase(json) })).toEqual(expected());
});

test('without a base: the missing metadata and people are named, and the rows are still checked', async () => {
  const file = tmp('无基础.csv');
  writeFileSync(file, [HEADER, ROWS[0]!.replace('2024-12-31', '2024-12-32')].join('\n'));
  expect(await importErrors(file)).toEqual([
    'CSV 文件只含台账，缺少巡察信息（编号、名称、被巡察单位、巡察组、巡察开始、巡察结束、反馈日期、集中整改期截止）：请同时提供填好「巡察信息」和「人员」的 .xlsx 或 JSON 台账作为基础信息',
    'CSV 文件只含台账，缺少人员名单：请同时提供填好「巡察信息」和「人员」的 .xlsx 或 JSON 台账作为基础信息',
    '第2行 整改时限: "2024-12-32" 不是有效日期',
  ]);
});

test('row numbers count records, so a quoted line break does not shift them', async () => {
  const file = tmp('行号.csv');
  writeFileSync(file, [HEADER, ...ROWS, '4,关于落实全面从严治党方面,问题四,,限期整改,vp1,财务科,fin1,2025-02-30,,,'].join('\n'));
  expect(await importErrors(file, { base })).toEqual(['第7行 整改时限: "2025-02-30" 不是有效日期']);
});

test('missing columns, an unclosed quote, GBK, empty files', async () => {
  const noDeadline = tmp('缺列.csv');
  writeFileSync(noDeadline, `${HEADER.replace(',整改时限', '')}\n`);
  expect(await importErrors(noDeadline, { base })).toEqual(['缺少必需列：整改时限']);
  const unclosed = tmp('引号.csv');
  writeFileSync(unclosed, `${HEADER}\n${ROWS[0]}\n1,,,,,,,,,"开展专项检查,孙会计,\n`);
  expect(await importErrors(unclosed, { base })).toEqual(['CSV 格式有误：第3行起的引号没有闭合']);
  const gbk = tmp('gbk.csv');
  // "序号,问题\n1,财务报销审核不严\n" as a Chinese Windows Excel saves plain "CSV": GBK.
  writeFileSync(gbk, Buffer.from('d0f2bac52ccecacce20a312cb2c6cef1b1a8cffac9f3bacbb2bbd1cf0a', 'hex'));
  expect(await importErrors(gbk, { base })).toEqual(['不是 UTF-8 编码的 CSV：请在 Excel 中选择「另存为 → CSV UTF-8（逗号分隔）」']);
  for (const [name, content] of [['空.csv', ''], ['只有BOM.csv', '\uFEFF'], ['空行.csv', '\uFEFF\r\n,,\r\n']] as const) {
    const file = tmp(name);
    writeFileSync(file, content);
    expect(await importErrors(file, { base })).toEqual(['文件为空']);
  }
});

test('parseCsv and toCsv agree on awkward fields', () => {
  const rows = [['a,b', 'say "hi"', 'two\nlines', ' padded ', ''], ['序号', '问题']];
  const text = toCsv(rows);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(parseCsv(text)).toEqual(rows);
  expect(parseCsv('a,b\r\nc,d\re,f\n')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
});
