// `rectify template` and `rectify export` through commander, against a real PostgreSQL.
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { addSpreadsheetCommands, loadLedger } from '../../client/spreadsheet-commands';
import { Context } from '../../client/context';
import { UserError } from '../../domain/errors';
import type { Db } from '../../db/client';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import { expectedLedger, filledTemplate, tempDir } from './helpers';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());
const tmp = tempDir();

class TestContext extends Context {
  override async database(): Promise<Db> {
    return t.db;
  }
}

async function run(...argv: string[]): Promise<string[]> {
  const out: string[] = [];
  const program = new Command('rectify').exitOverride();
  addSpreadsheetCommands(program, new TestContext(), (s) => out.push(s));
  await program.parseAsync(argv, { from: 'user' });
  return out;
}

test('template writes the workbook and refuses to overwrite a file without --force', async () => {
  const file = tmp('台账模板.xlsx');
  expect(await run('template', '--out', file)).toEqual([`已生成台账模板 ${file}：填写「巡察信息」「人员」「台账」三张表，填法见「说明」表`]);
  expect(existsSync(file)).toBe(true);
  await expect(run('template', '--out', file)).rejects.toThrow(new UserError(`文件 ${file} 已存在：请换一个文件名，或加 --force 覆盖`));
  expect(await run('template', '--out', file, '--force')).toHaveLength(1);
  const csv = tmp('台账模板.csv');
  expect(await run('template', '-o', csv)).toEqual([`已生成台账模板 ${csv}（只含台账表头）`]);
  expect(readFileSync(csv, 'utf8').startsWith('\uFEFF序号,方面,问题')).toBe(true);
});

test('export writes the campaign and says how much; loadLedger reads it back', async () => {
  await insertCampaign(t.db, smallLedger({ id: 'cli-1' }));
  const file = tmp('导出.xlsx');
  expect(await run('export', '-c', 'cli-1', '--out', file)).toEqual([`已导出巡察整改 cli-1 的台账到 ${file}：问题 3 个，共 3 行`]);
  const ledger = await loadLedger(file);
  expect(ledger.problems.map((p) => p.title)).toEqual(smallLedger().problems.map((p) => p.title));
  await expect(run('export', '-c', 'nope', '--out', tmp('无.xlsx'))).rejects.toThrow(/找不到巡察整改「nope」/);
  expect(existsSync(tmp('无.xlsx'))).toBe(false);
});

test('loadLedger: a csv with its base file', async () => {
  const xlsx = await filledTemplate(tmp('填好.xlsx'));
  await insertCampaign(t.db, expectedLedger());
  const csv = tmp('台账.csv');
  await run('export', '-c', 'dz-2024', '--out', csv);
  await expect(loadLedger(csv)).rejects.toThrow(/CSV 文件只含台账/);
  expect(await loadLedger(csv, xlsx)).toEqual(expectedLedger());
});
