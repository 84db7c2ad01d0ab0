import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { CampaignLedgerSchema, formatZodError } from '../domain/schemas';
import { addActionCommands } from './action-commands';
import { createCampaign } from './campaign';
import { Context } from './context';
import { explain, UserError } from './errors';
import { progress } from './format';
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
    .requiredOption('-f, --file <ledger.json>', '台账 JSON 文件')
    .action(async (o: { file: string }) => {
      const ledger = readLedger(o.file);
      const client = await ctx.temporal();
      const db = await ctx.database();
      const r = await createCampaign(client, db, ledger, { taskQueue: ctx.taskQueue, onProgress: progressOnce(ledger.problems.length) });
      out(
        `${r.created ? '已创建' : '已存在（内容相同）'}巡察整改 ${r.campaignId}：${ledger.organisation}，问题 ${ledger.problems.length} 个；` +
          `新启动工作流 ${r.started} 个，已在运行 ${r.alreadyRunning} 个`,
      );
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
  return program;
}

function readLedger(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`无法读取台账文件 ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = CampaignLedgerSchema.safeParse(raw);
  if (!r.success) throw new UserError(`台账文件 ${file} 有误：\n${formatZodError(r.error, '  ')}`);
  return r.data;
}

const progressOnce = (total: number) => {
  const report = progress('启动问题工作流', total);
  return (done: number) => report(done);
};

export function problemRef(ref: string, campaign: string | undefined): { campaignId: string; no: number } {
  const m = /^(?:(.+)\/)?(\d+)$/.exec(ref.trim());
  const campaignId = m?.[1] ?? campaign;
  if (!m || !campaignId) throw new UserError(`问题引用「${ref}」无效：请写 巡察整改编号/序号，或用 -c 指定巡察整改编号`);
  return { campaignId, no: Number(m[2]) };
}

/** Runs the CLI; returns the exit code. Errors are one clear line on stderr. */
export async function main(argv: string[], out = (s: string) => process.stdout.write(`${s}\n`)): Promise<number> {
  const ctx = new Context();
  try {
    await buildProgram(ctx, out).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    process.stderr.write(`错误：${explain(e)}\n`);
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
