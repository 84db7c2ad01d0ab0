import { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { CampaignLedger } from '../domain/schemas';
import type { LoadedLedger } from '../spreadsheet/import';
import type { Context } from './context';
import * as lazy from './lazy';
import { UserError } from '../domain/errors';
import { progress } from './format';

/** A filled-in ledger is hours of the office's work: never overwrite a file unless asked to. */
function refuseOverwrite(file: string, force: boolean | undefined): void {
  if (!force && existsSync(file)) throw new UserError(`文件 ${file} 已存在：请换一个文件名，或加 --force 覆盖`);
}

/** Progress on stderr, created on the first report (only then is the total known). */
function lazyProgress(label: string): (done: number, total: number) => void {
  let report: ((done: number) => void) | undefined;
  return (done, total) => (report ??= progress(label, total))(done);
}

/**
 * A ledger file for `campaign create --file`: .json, .xlsx or .csv; a csv needs `baseFile` (an
 * .xlsx with 巡察信息 and 人员, or a JSON ledger) for what it cannot hold. Throws a UserError
 * listing every error in the file; nothing is returned then.
 */
export async function loadLedger(file: string, baseFile?: string): Promise<CampaignLedger> {
  return (await loadLedgerWithContacts(file, baseFile)).ledger;
}

/** The same, with the people's contacts the file carries beside the ledger (人员 columns 邮箱…飞书). */
export async function loadLedgerWithContacts(file: string, baseFile?: string): Promise<LoadedLedger> {
  const { readLedgerBase, readLedgerWithContacts } = lazy.sheetImport();
  const base = baseFile ? await readLedgerBase(baseFile) : undefined;
  return readLedgerWithContacts(file, { base, onProgress: lazyProgress('校验台账') });
}

export function addSpreadsheetCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  program
    .command('template')
    .description('生成空白台账模板：.xlsx 含台账、巡察信息、人员、说明四张表；.csv 只含台账表头')
    .option('-o, --out <file>', '输出文件（.xlsx 或 .csv）', '台账模板.xlsx')
    .option('--force', '覆盖已有文件')
    .action(async (o: { out: string; force?: boolean }) => {
      refuseOverwrite(o.out, o.force);
      const { writeTemplate } = lazy.sheetTemplate();
      await writeTemplate(o.out);
      out(o.out.toLowerCase().endsWith('.csv') ? `已生成台账模板 ${o.out}（只含台账表头）` : `已生成台账模板 ${o.out}：填写「巡察信息」「人员」「台账」三张表，填法见「说明」表`);
    });

  program
    .command('export')
    .description('导出台账及实时状态为 .xlsx 或 .csv（列与模板相同，另附状态、预警、成效等列；可再次导入）')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .requiredOption('-o, --out <file>', '输出文件（.xlsx 或 .csv；.csv 只含台账表）')
    .option('--force', '覆盖已有文件')
    .action(async (o: { campaign: string; out: string; force?: boolean }) => {
      refuseOverwrite(o.out, o.force);
      const { exportLedger } = lazy.sheetExport();
      const r = await exportLedger(await ctx.database(), o.campaign, o.out, { onProgress: lazyProgress('导出台账') });
      out(`已导出巡察整改 ${o.campaign} 的台账到 ${o.out}：问题 ${r.problems} 个，共 ${r.rows} 行`);
    });
}
