import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { isValidDate } from '../domain/dates';
import { describeReport } from '../report/describe';
import { parseReport } from '../report/parse';
import { addActionCommands } from './action-commands';
import { addAuditCommands } from './audit-commands';
import { addDeliveryCommands } from './delivery-commands';
import { addRepairCommands } from './repair-commands';
import { addReportCommands } from './report-commands';
import { addSpreadsheetCommands, loadLedgerWithContacts } from './spreadsheet-commands';
import { saveLedgerContacts } from '../services/contacts';
import { campaignIdFromFileName, ledgerFromReportText } from '../services/report-ledger';
import { Context } from './context';
import * as lazy from './lazy';
import { UserError } from '../domain/errors';
import { explain } from './errors';
import { progress } from './format';
import { problemRef } from './problem-ref';
import { listWorkflows, showProblem } from './problem-view';
import { listLedger, listNotifications } from './ledger-view';

export function buildProgram(ctx: Context, out: (s: string) => void): Command {
  const program = new Command('rectify')
    .description('巡察整改销号工作流引擎：台账、整改、督办、销号')
    .showHelpAfterError('（用 --help 查看用法）')
    .exitOverride();

  const campaign = program.command('campaign').description('巡察整改（一轮反馈对应一个）');
  campaign
    .command('create')
    .description('从台账文件创建巡察整改，并为每个问题启动工作流（重复导入不会重复启动）')
    .option('-f, --file <ledger.xlsx|csv|json>', '台账文件（Excel、CSV 或 JSON；模板见 rectify template）')
    .option('--base <file>', '与 CSV 台账一起用：提供巡察信息和人员的 Excel 或 JSON 文件')
    .option('-r, --from-report <report.txt>', '从已发布的整改进展情况通报（纯文本）重建：已完成的问题直接销号，未完成的按承诺整改时限继续')
    .option('--id <id>', '与 --from-report 一起用：巡察整改编号（默认取文件名）')
    .option('--deadline <YYYY-MM-DD>', '与 --from-report 一起用：通报未给出时限的未完成问题的整改时限')
    .option('--period-end <YYYY-MM-DD>', '与 --from-report 一起用：集中整改期截止日')
    .action(async (o: { file?: string; base?: string; fromReport?: string; id?: string; deadline?: string; periodEnd?: string }) => {
      if (!o.file === !o.fromReport) throw new UserError('请用 --file 或 --from-report 之一指定来源');
      const { ledger, contacts } = o.file ? await loadLedgerWithContacts(o.file, o.base) : { ledger: ledgerFromReportFile(o.fromReport!, o), contacts: [] };
      const client = await ctx.temporal();
      const db = await ctx.database();
      const { createCampaign } = lazy.campaigns();
      const r = await createCampaign(client, db, ledger, { taskQueue: ctx.taskQueue, onProgress: progressOnce(ledger.problems.length) });
      // After the campaign: a ledger refused (same id, other content) changes no contacts either.
      const updated = await saveLedgerContacts(db, contacts);
      out(
        `${r.created ? '已创建' : '已存在（内容相同）'}巡察整改 ${r.campaignId}：${ledger.organisation}，问题 ${ledger.problems.length} 个；` +
          `新启动工作流 ${r.started} 个，已在运行 ${r.alreadyRunning} 个` +
          (contacts.length ? `；联系方式更新 ${updated} 人` : ''),
      );
    });

  program
    .command('parse')
    .description('解析已发布的整改进展情况通报（纯文本）')
    .argument('<file>', '通报文本文件')
    .option('--json', '输出 JSON')
    .action((file: string, o: { json?: boolean }) => {
      const report = parseReport(readText(file));
      out(o.json ? JSON.stringify(report, null, 2) : describeReport(report));
    });

  program
    .command('ls')
    .description('列出台账')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .option('-s, --status <status>', '按状态筛选（如 in_progress、closed）')
    .option('-d, --department <name>', '按责任科室筛选')
    .option('--overdue', '只看已逾期')
    .action(async (o: { campaign: string; status?: string; department?: string; overdue?: boolean }) => {
      out(await listLedger(await ctx.database(), o));
    });

  program
    .command('show')
    .description('查看一个问题的全部状态和历史')
    .argument('<problem>', '问题序号，或 巡察整改编号/序号')
    .option('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .action(async (ref: string, o: { campaign?: string }) => {
      const { campaignId, no } = problemRef(ref, o.campaign);
      out(await showProblem(await ctx.temporal(), campaignId, no));
    });

  program
    .command('inbox')
    .description('查看站内通知（提醒、预警、督办）')
    .requiredOption('--as <person>', '人员编号')
    .option('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .action(async (o: { as: string; campaign?: string }) => {
      out(await listNotifications(await ctx.database(), o.as, o.campaign));
    });

  program
    .command('workflows')
    .description('按搜索属性列出问题工作流（与 Temporal UI 中的查询相同）')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .option('-s, --status <status>', '状态')
    .option('-d, --department <name>', '责任科室')
    .addOption(new Option('-w, --warning <level>', '预警级别').choices(['none', 'yellow', 'red']))
    .action(async (o: { campaign: string; status?: string; department?: string; warning?: string }) => {
      out(await listWorkflows(await ctx.temporal(), o));
    });

  addActionCommands(program, ctx, out);
  addDeliveryCommands(program, ctx, out);
  addAuditCommands(program, ctx, out);
  addReportCommands(program, ctx, out);
  addRepairCommands(program, ctx, out);
  addSpreadsheetCommands(program, ctx, out);
  return program;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`无法读取文件 ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function ledgerFromReportFile(file: string, o: { id?: string; deadline?: string; periodEnd?: string }) {
  const text = readText(file);
  // The options' own names in the message; the service checks the dates again under its names.
  for (const [name, v] of [['--deadline', o.deadline], ['--period-end', o.periodEnd]] as const) {
    if (v !== undefined && !isValidDate(v)) throw new UserError(`${name}: "${v}" 不是有效日期（格式 YYYY-MM-DD）`);
  }
  return ledgerFromReportText(text, { id: o.id ?? campaignIdFromFileName(file), deadline: o.deadline, periodEnd: o.periodEnd }).ledger;
}

const progressOnce = (total: number) => {
  const report = progress('启动问题工作流', total);
  return (done: number) => report(done);
};


/** Runs the CLI; returns the exit code. Errors are one clear line on stderr. */
export async function main(argv: string[], out = (s: string) => process.stdout.write(`${s}\n`)): Promise<number> {
  const ctx = new Context();
  try {
    await buildProgram(ctx, out).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    process.stderr.write(`错误：${explain(e, ctx.refusal)}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
