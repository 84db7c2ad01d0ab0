import { Command } from 'commander';
import { listDeliveries } from '../db/queries/delivery-list';
import { answerWords, CHANNEL_SHORT, DELIVERY_STATUS_LABEL, noticeKindLabel, targetLabel } from '../domain/delivery';
import { UserError } from '../domain/errors';
import type { Context } from './context';
import * as lazy from './lazy';
import { table, truncate } from './format';
import { beijingMinute } from './problem-view';

// Where each notification went and whether it arrived, and the office's 重新发送.


export function addDeliveryCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  program
    .command('deliveries')
    .description('查看通知的发送情况：渠道、发往、状态、尝试次数、对方应答、发送时间（新的在前）')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .option('--failed', '只看发送失败的')
    .option('--problem <no>', '只看一个问题的')
    .action(async (o: { campaign: string; failed?: boolean; problem?: string }) => {
      const problemNo = o.problem === undefined ? undefined : Number(o.problem);
      if (problemNo !== undefined && !(Number.isInteger(problemNo) && problemNo > 0)) throw new UserError(`--problem: "${o.problem}" 不是问题序号`);
      const { items, total } = await listDeliveries(await ctx.database(), { campaignId: o.campaign, status: o.failed ? 'failed' : undefined, problemNo, limit: 1000 });
      if (!items.length) return out(o.failed ? '没有发送失败的通知' : '没有发送记录');
      out(
        table(
          ['编号', '问题', '通知', '收件人', '渠道', '发往', '状态', '次数', '发送时间', '原因 / 应答'],
          items.map((d) => [
            String(d.id),
            d.problemNo === null ? '—' : String(d.problemNo),
            truncate(`${noticeKindLabel(d.kind)}`, 12),
            d.recipientName,
            CHANNEL_SHORT[d.channel],
            truncate(targetLabel(d.channel, d.target, d.robotName), 24),
            DELIVERY_STATUS_LABEL[d.status],
            String(d.attempts),
            d.sentAt ? beijingMinute(d.sentAt) : d.status === 'deferred' ? `待 ${beijingMinute(d.notBefore)}` : '',
            truncate([d.lastError, answerWords(d.answer)].filter(Boolean).join('：'), 100),
          ]),
        ),
      );
      out(`共 ${total} 条${total > items.length ? `，显示最新 ${items.length} 条` : ''}${o.failed ? '；用 rectify resend 编号 重新发送' : ''}`);
    });

  program
    .command('resend')
    .description('重新发送一条发送失败的通知（按收件人现在登记的地址）')
    .argument('<delivery>', '发送记录编号（见 rectify deliveries --failed）')
    .action(async (ref: string) => {
      const id = Number(ref);
      if (!Number.isInteger(id) || id <= 0) throw new UserError(`"${ref}" 不是发送记录编号`);
      const db = await ctx.database();
      // Temporal only to wake the dispatcher: without it the message goes at the dispatcher's next look.
      const client = await ctx.temporal().catch(() => null);
      const { resendDelivery } = lazy.deliveries();
      const d = await resendDelivery(db, client, ctx.taskQueue, id);
      out(`已重新排队发送记录 ${d.id}（${CHANNEL_SHORT[d.channel]}）${d.woken ? '，即将发送' : '，将在发送服务下次检查时发送'}`);
    });
}
