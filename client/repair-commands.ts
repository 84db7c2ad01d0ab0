import { Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../domain/errors';
import { userErrorFromZod } from '../domain/schemas';
import type { RepairResult, StuckProblem } from '../services/repair';
import type { Context } from './context';
import { progress } from './format';
import * as lazy from './lazy';

// `rectify repair`: finds problem workflows whose workflow task keeps failing with a nondeterminism
// error (a history that no longer replays, RELIABILITY.md) and resets each to a point that replays,
// with the actions after it applied again (services/repair.ts).

const RepairInput = z.object({
  campaign: z.string().trim().min(1, '巡察整改编号不能为空').optional(),
  dryRun: z.boolean().default(false),
  replay: z.boolean().default(false),
  wait: z.coerce
    .number({ invalid_type_error: '等待秒数应为数字' })
    .int('等待秒数应为整数')
    .min(1, '等待秒数至少为 1')
    .max(600, '等待秒数至多为 600')
    .default(30),
});

const how = (p: StuckProblem) => (p.foundBy === 'failing-task' ? `工作流任务第 ${p.attempt} 次尝试仍失败` : '历史重放失败（下一步就会卡住）');

function outcome(r: RepairResult): string {
  const again = r.reapplied.length ? `；重新应用的操作：${r.reapplied.join('、')}` : '';
  switch (r.outcome) {
    case 'repaired':
      return `已修复：重置到事件 ${r.resetTo}，新运行 ${r.newRunId} 已继续处理${again}`;
    case 'reset':
      return `已重置到事件 ${r.resetTo}（新运行 ${r.newRunId}），尚未确认：${r.detail}${again}`;
    case 'would-reset':
      return `将重置到事件 ${r.resetTo}${again}（--dry-run，未执行）`;
    case 'failed':
      return `修复失败：${r.detail}`;
  }
}

export function addRepairCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  program
    .command('repair')
    .description('修复卡住的问题工作流：工作流任务因不确定性错误反复失败的，重置到能重放的位置，之后的操作重新应用')
    .option('-c, --campaign <id>', '只查这个巡察整改（默认：全部）', process.env.RECTIFY_CAMPAIGN)
    .option('--dry-run', '只列出卡住的工作流和将重置到的位置，不重置')
    .option('--replay', '另外重放每个运行中问题工作流的历史，找出下一步才会卡住的（较慢）')
    .option('--wait <秒>', '每次重置后等新运行继续处理的最长时间', '30')
    .action(async (raw: { campaign?: string; dryRun?: boolean; replay?: boolean; wait?: string }) => {
      const parsed = RepairInput.safeParse(raw);
      if (!parsed.success) throw userErrorFromZod(parsed.error);
      const o = parsed.data;
      const client = await ctx.temporal();
      const { findStuckProblems, repairProblem, replayer } = lazy.repair();
      const scope = o.campaign ? `巡察整改 ${o.campaign}` : '全部巡察整改';
      process.stderr.write(`查找卡住的问题工作流（${scope}）…\n`);
      if (o.replay) process.stderr.write('将重放每个运行中问题工作流的历史：先打包工作流代码，需要几秒…\n');
      const replay = o.replay ? await replayer() : undefined;
      let report: ((done: number) => void) | undefined;
      const found = await findStuckProblems(client, {
        campaignId: o.campaign,
        replay,
        onProgress: (done, total) => (report ??= progress('检查问题工作流', total))(done),
      });
      for (const f of found.failingOtherwise) {
        out(`${f.workflowId}：工作流任务第 ${f.attempt} 次尝试仍失败，但不是不确定性错误（${f.error}）：重置无济于事，请查看 worker 日志`);
      }
      if (!found.stuck.length) return out(`没有卡住的问题工作流（检查了 ${found.checked} 个运行中的）`);
      const results: RepairResult[] = [];
      for (const [i, p] of found.stuck.entries()) {
        out(`[${i + 1}/${found.stuck.length}] ${p.workflowId}：${how(p)}：${p.error}`);
        const r = await repairProblem(client, p, { dryRun: o.dryRun, waitMs: o.wait * 1000, replay });
        for (const a of r.abandoned) out(`  重置到事件 ${a.resetTo} 后新运行仍失败（${a.why}），改用更早的位置`);
        out(`  ${outcome(r)}`);
        results.push(r);
      }
      const count = (k: RepairResult['outcome']) => results.filter((r) => r.outcome === k).length;
      const summary = o.dryRun
        ? `检查了 ${found.checked} 个运行中的问题工作流：卡住 ${found.stuck.length} 个（--dry-run，未重置）`
        : `检查了 ${found.checked} 个运行中的问题工作流：卡住 ${found.stuck.length} 个；已修复 ${count('repaired')} 个，已重置待确认 ${count('reset')} 个，失败 ${count('failed')} 个`;
      if (count('failed')) throw new UserError(summary);
      out(summary);
    });
}
