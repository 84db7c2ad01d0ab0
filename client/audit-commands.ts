import { Command } from 'commander';
import { z } from 'zod';
import { AuditChainCheck, type AuditFinding } from '../db/audit-chain';
import { readAuditChain, type AuditChainRow } from '../db/queries/audit-chain';
import { UserError } from '../domain/errors';
import type { Context } from './context';
import { beijingMinute } from './problem-view';

// `rectify audit verify`: walks a campaign's audit hash chain (010_audit_chain.sql) and names every
// row that was changed, inserted or deleted since it was written.

const CampaignId = z.string({ required_error: '请用 -c 指定巡察整改编号' }).trim().min(1, '请用 -c 指定巡察整改编号');

const where = (r: AuditChainRow) => `问题${r.problemNo}，${beijingMinute(r.at)}，${r.action}`;
const places = (from: number, to: number) => (from === to ? `第${from}条` : `第${from}至${to}条`);

/** One line per finding, naming the place in the chain, the problem and the time. */
export function describeFinding(f: AuditFinding): string {
  switch (f.kind) {
    case 'changed':
      return f.why === 'hash'
        ? `第${f.seq}条审计记录内容被改动（${where(f.row)}）`
        : `第${f.seq}条审计记录被整条改写：哈希与链尾记下的不符（${where(f.row)}）`;
    case 'inserted':
      switch (f.why) {
        case 'duplicate':
          return `第${f.seq}条审计记录是插入的：与另一条同序号（${where(f.row)}）`;
        case 'unlinked':
          return `第${f.seq}条审计记录是插入的，或第${(f.seq ?? 1) - 1}条被整条改写：本条记下的前一哈希与之不符（${where(f.row)}）`;
        case 'past-head':
          return `第${f.seq}条审计记录是插入的：在链尾（第${f.headSeq}条）之后（${where(f.row)}）`;
        case 'placeless':
          return `一条审计记录是插入的：没有有效的链序号（${where(f.row)}）`;
      }
      break;
    case 'deleted':
      if (f.why === 'gap') return `${places(f.seq, f.toSeq)}审计记录被删除（其后的第${f.next!.chainSeq}条：${where(f.next!)}）`;
      if (f.why === 'tail') return `${places(f.seq, f.toSeq)}审计记录被删除：链尾应为第${f.toSeq}条`;
      return '审计链尾记录缺失：无法确认最后的审计记录是否被删除';
  }
  throw new Error(`unknown finding ${JSON.stringify(f)}`);
}

export function addAuditCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  const audit = program.command('audit').description('审计记录');
  audit
    .command('verify')
    .description('校验一个巡察整改的审计哈希链：找出被改动、插入或删除的审计记录')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .action(async (o: { campaign: string }) => {
      const campaignId = CampaignId.parse(o.campaign);
      const check = new AuditChainCheck();
      if (!(await readAuditChain(await ctx.database(), campaignId, check))) throw new UserError(`找不到巡察整改 ${campaignId}`);
      const findings = check.finish();
      if (!findings.length) return out(`审计链完整：${check.count} 条记录`);
      for (const f of findings) out(describeFinding(f));
      throw new UserError(`审计链不完整：${findings.length} 处问题，共读到 ${check.count} 条记录`);
    });
}
