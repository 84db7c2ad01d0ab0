// The report commands as the office types them, on a real PostgreSQL database.
import { Command } from 'commander';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addReportCommands } from '../../client/report-commands';
import { Context } from '../../client/context';
import type { Db } from '../../db/client';
import { listCampaignEvents } from '../../db/queries/list-campaign-events';
import { listReportTexts } from '../../db/queries/list-report-texts';
import { officeTextProblem } from '../../report/office-text';
import { parseReport } from '../../report/parse';
import { migratedPg, type TestDb } from '../db/pg';
import { loadReportState, reportLedger } from './ledger-state';

class DbContext extends Context {
  constructor(private readonly testDb: Db) {
    super();
  }
  override async database(): Promise<Db> {
    return this.testDb;
  }
}

let t: TestDb;
const dir = mkdtempSync(join(tmpdir(), 'rectify-report-cli-'));
beforeAll(async () => {
  t = await migratedPg();
  await loadReportState(t.db, reportLedger('cli-1'));
});
afterAll(async () => t?.close());
afterEach(() => jest.restoreAllMocks());

/** Runs one command line; returns what it printed on stdout. */
async function rectify(...argv: string[]): Promise<string> {
  const lines: string[] = [];
  const program = new Command('rectify').exitOverride().configureOutput({ writeErr: () => undefined });
  addReportCommands(program, new DbContext(t.db), (s) => lines.push(s));
  await program.parseAsync(argv, { from: 'user' });
  return lines.join('\n');
}

test('event add records meetings and events; event ls lists them by date', async () => {
  expect(await rectify('event', 'add', '-c', 'cli-1', '--date', '2025-02-20', '--kind', 'meeting', '--text', '召开整改推进会')).toMatch(/^已记录会议（编号 \d+）：2025-02-20 召开整改推进会$/);
  const rows = await listCampaignEvents(t.db, 'cli-1');
  expect(rows.map((r) => [r.onDate, r.kind, r.text])).toContainEqual(['2025-02-20', 'meeting', '召开整改推进会']);
  expect(await rectify('event', 'ls', '-c', 'cli-1')).toMatch(/2024-12-25 +会议 +召开党委会专题研究巡察反馈意见/);
  await expect(rectify('event', 'add', '-c', 'cli-1', '--date', '2025-02-30', '--kind', 'meeting', '--text', 'x')).rejects.toThrow('「2025-02-30」不是有效日期');
  await expect(rectify('event', 'add', '-c', 'nope', '--date', '2025-02-20', '--kind', 'event', '--text', 'x')).rejects.toThrow('找不到巡察整改「nope」');
  await expect(rectify('event', 'add', '-c', 'cli-1', '--date', '2025-02-20', '--kind', 'party', '--text', 'x')).rejects.toThrow(/Allowed choices are meeting, event/);
});

test('report-text shows the default, saves office text (inline or from a file), refuses structure-breaking lines, and clears', async () => {
  expect(await rectify('report-text', '-c', 'cli-1', '--section', 'contact')).toContain('尚未设置，通报使用以下默认文字）\n欢迎广大干部群众');
  expect(await rectify('report-text', '-c', 'cli-1', '--section', 'contact', '--text', '欢迎监督。\n联系方式：电话0763-1234567。')).toBe('已保存 contact（结尾：欢迎监督及联系方式）');
  expect(await rectify('report-text', '-c', 'cli-1', '--section', 'contact')).toBe('欢迎监督。\n联系方式：电话0763-1234567。');
  const file = join(dir, 'next.txt');
  writeFileSync(file, '（一）巩固整改成果。\n（二）健全长效机制。\n');
  await rectify('report-text', '-c', 'cli-1', '--section', 'next-steps', '--file', file);
  expect((await listReportTexts(t.db, 'cli-1')).map((r) => [r.section, r.text])).toEqual([
    ['next-steps', '（一）巩固整改成果。\n（二）健全长效机制。'],
    ['contact', '欢迎监督。\n联系方式：电话0763-1234567。'],
  ]);
  await expect(rectify('report-text', '-c', 'cli-1', '--section', 'organisation', '--text', '成立领导小组。\n四、其他工作')).rejects.toThrow('会被读作通报的大标题');
  await expect(rectify('report-text', '-c', 'cli-1', '--section', 'next-steps', '--text', '中共青城市人民医院委员会')).rejects.toThrow('会被读作通报的结尾');
  await expect(rectify('report-text', '-c', 'cli-1', '--section', 'issuer', '--text', '甲\n乙')).rejects.toThrow('落款单位只写一行');
  await expect(rectify('report-text', '-c', 'cli-1', '--section', 'issuer', '--text', 'x', '--clear')).rejects.toThrow('只能用一个');
  await rectify('report-text', '-c', 'cli-1', '--section', 'next-steps', '--clear');
  expect((await listReportTexts(t.db, 'cli-1')).map((r) => r.section)).toEqual(['contact']);
});

test('report writes Markdown to stdout or a file and Word to a file; the numbers are the ledger\'s', async () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const md = await rectify('report', '-c', 'cli-1', '--format', 'md', '--as-of', '2025-03-20');
  // Sections the office has not written yet are pointed out, on stderr (stdout is the report).
  expect(stderr).toHaveBeenCalledWith(expect.stringContaining('提示：organisation（一、整改工作基本情况：组织领导）、next-steps（三、下一步工作打算）、issuer（落款单位） 使用了默认文字'));
  expect(md.startsWith('# 中共青城市人民医院委员会关于市委第二巡察组巡察整改进展情况的通报')).toBe(true);
  expect(parseReport(md).figures).toMatchObject({ problems: 6, problemsCompleted: 2, problemsUnfinished: 4 });
  expect(md).toContain('2025年2月20日，召开整改推进会。');
  const mdFile = join(dir, 'report.md');
  expect(await rectify('report', '-c', 'cli-1', '--out', mdFile, '--as-of', '2025-03-20')).toBe(
    `已生成通报 ${mdFile}：问题 6 个（已完成 2，未完成 4），措施 6 条（已完成 4），统计截至 2025-03-20`,
  );
  expect(readFileSync(mdFile, 'utf8')).toBe(`${md}\n`);
  const docx = join(dir, 'report.docx');
  expect(await rectify('report', '-c', 'cli-1', '--out', docx, '--as-of', '2025-03-31')).toMatch(/^已生成通报 .*report\.docx：问题 6 个（已完成 3，未完成 3）/);
  expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK'); // a zip package
  await expect(rectify('report', '-c', 'nope', '--format', 'md')).rejects.toThrow('找不到巡察整改「nope」');
  await expect(rectify('report', '-c', 'cli-1', '--as-of', '2025-13-01')).rejects.toThrow('--as-of: 「2025-13-01」不是有效日期');
  stderr.mockRestore();
});

test('officeTextProblem accepts ordinary paragraphs and inner headings', () => {
  expect(officeTextProblem('next-steps', '下一步，院党委将持续抓好整改。\n（一）巩固整改成果。')).toBeNull();
  expect(officeTextProblem('contact', '欢迎监督。联系方式：电话0763-1234567。')).toBeNull();
  expect(officeTextProblem('issuer', '中共青城市人民医院委员会')).toBeNull();
  expect(officeTextProblem('organisation', '2025年3月1日')).toContain('结尾');
  expect(officeTextProblem('organisation', '  ')).toContain('不能为空');
});
