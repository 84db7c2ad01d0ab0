import { Command } from 'commander';
import path from 'node:path';
import { OUTCOME_FIGURES, outcomeHeader, type OutcomeKey } from '../domain/outcomes';
import type { ActionInput, ActionName, Evidence } from '../domain/problem-types';
import { ACCEPTED_NOT_RECORDED, REMIND_DEFAULT_TEXT, REMIND_MAX_LENGTH, STATUS_LABEL } from '../domain/problem-types';
import { env } from '../services/env';
import { problemRef } from './problem-ref';
import type { Context } from './context';
import * as lazy from './lazy';
import { UserError } from '../domain/errors';

interface Common {
  as: string;
  campaign?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Every lifecycle action as a command run by a named person (`--as`). */
export function addActionCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  const action = <A extends ActionName>(name: string, description: string, act: A, build: (o: Common & Record<string, unknown>, rest: string[], where: { campaignId: string; no: number }) => Omit<ActionInput<A>, 'actor'> | Promise<Omit<ActionInput<A>, 'actor'>>) => {
    const cmd = program
      .command(name)
      .description(description)
      .argument('<problem>', '问题序号，或 巡察整改编号/序号')
      .requiredOption('--as <person>', '操作人（人员编号或姓名）')
      .option('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN);
    return (configure: (c: Command) => Command = (c) => c) =>
      configure(cmd).action(async (ref: string, ...rest: unknown[]) => {
        const opts = rest.find((r): r is Common & Record<string, unknown> => typeof r === 'object' && r !== null && !(r instanceof Command))!;
        const positional = rest.filter((r): r is string => typeof r === 'string');
        const { campaignId, no } = problemRef(ref, opts.campaign);
        const input = { actor: opts.as, ...(await build(opts, positional, { campaignId, no })) } as ActionInput<A>;
        const { sendAction } = lazy.actions();
        const r = await sendAction(await ctx.temporal(), campaignId, no, act, input);
        out(`问题 ${campaignId}/${no}：${r.summary}${r.status ? `。当前状态：${STATUS_LABEL[r.status]}` : ''}`);
        if (!r.recorded) out(ACCEPTED_NOT_RECORDED);
      });
  };
  const decision = (o: Record<string, unknown>) => (typeof o.return === 'string' ? { approve: false, reason: o.return } : { approve: true, reason: optionalString(o.reason) });

  action('claim', '认领问题（责任科室）', 'claim', () => ({}))();
  action('plan', '制定整改措施（责任科室，批准前可反复修改）', 'planMeasures', (o) => ({ measures: (o.measure as string[] | undefined ?? []).map(parseMeasure) }))((c) =>
    c.option('-m, --measure <措施|责任人|时限>', '一条措施，可重复；如 "修订报销办法|fin1|2025-01-31"', collect),
  );
  action('submit-plan', '提交整改措施待责任领导审批', 'submitPlan', () => ({}))();
  action('approve-plan', '批准整改措施（责任领导）；--return 退回', 'decidePlan', decision)((c) => c.option('--return <理由>', '退回并说明理由'));
  action('complete', '完成一条整改措施并上传佐证材料（责任科室）', 'completeMeasure', async (o, rest, where) => ({
    measureId: rest[0] ?? '',
    evidence: await evidenceOf(ctx, o, where),
    outcomes: Object.fromEntries(OUTCOME_FIGURES.map((f) => [f.key, num(o[optionKey(f.key)])])),
  }))((c) =>
    OUTCOME_FIGURES.reduce(
      (cmd, f) => cmd.option(`--${OUTCOME_FLAG[f.key]} <${f.unit}>`, outcomeHeader(f)),
      c
        .argument('<measure>', '措施编号，如 M1')
        .option('--evidence-file <path>', '佐证材料文件（保存文件并记录文件名、大小和 SHA-256），可重复', collect)
        .option('--evidence-text <text>', '文字佐证，可重复', collect),
    ),
  );
  action('progress', '报送长期整改进展（责任科室）', 'reportProgress', (o) => ({ text: String(o.text ?? '') }))((c) => c.requiredOption('--text <进展>', '本期进展'));
  action('extend', '申请延期（责任科室）', 'requestExtension', (o) => ({ until: String(o.until), reason: String(o.reason) }))((c) =>
    c.requiredOption('--until <YYYY-MM-DD>', '申请延至').requiredOption('--reason <理由>', '延期理由'),
  );
  action('decide-extension', '审批延期（组长，或按政策由办公室）；--return 不同意', 'decideExtension', decision)((c) => c.option('--return <理由>', '不同意并说明理由'));
  action('request-closure', '申请销号（责任科室；所有措施须已完成并附佐证）', 'requestClosure', () => ({}))();
  action('review', '责任领导审核销号申请；--return 退回', 'reviewClosure', decision)((c) => c.option('--return <理由>', '退回并说明理由'));
  action('verify', '办公室核验佐证材料；--return 退回', 'verifyClosure', decision)((c) => c.option('--return <理由>', '退回并说明理由'));
  action('approve-closure', '组长审批销号；--return 退回', 'approveClosure', decision)((c) => c.option('--return <理由>', '退回并说明理由'));
  action('phase-complete', '长期坚持事项阶段性完成（办公室）', 'markPhaseComplete', () => ({}))();
  action('confirm-look-back', '回头看确认整改成果巩固（办公室）', 'confirmLookBack', () => ({}))();
  action('reopen', '回头看发现反弹，重新整改（办公室）', 'reopen', (o) => ({ reason: String(o.reason), deadline: String(o.deadline) }))((c) =>
    c.requiredOption('--reason <理由>', '反弹情况').requiredOption('--deadline <YYYY-MM-DD>', '新的整改时限'),
  );
  action('remind', '催办：提醒责任科室抓紧整改（办公室）', 'remind', (o) => ({ text: optionalString(o.text) }))((c) =>
    c.option('--text <内容>', `催办内容，最多 ${REMIND_MAX_LENGTH} 字；缺省为「${REMIND_DEFAULT_TEXT}」`),
  );
}

/** The CLI's flag for each outcome figure (the figures themselves are defined in domain/outcomes). */
const OUTCOME_FLAG: Record<OutcomeKey, string> = {
  regulations: 'regulations',
  fundsRecoveredWan: 'funds',
  partyDiscipline: 'discipline',
  admonishment: 'admonishment',
  orderedSelfCriticism: 'self-criticism',
};
/** commander's camelCase name of a flag: self-criticism → selfCriticism. */
const optionKey = (k: OutcomeKey) => OUTCOME_FLAG[k].replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

function parseMeasure(spec: string): { text: string; owner: string; due: string } {
  const [text, owner, due] = spec.split('|').map((s) => s.trim());
  if (!text || !owner || !due) throw new UserError(`措施「${spec}」格式应为 "措施内容|责任人编号|YYYY-MM-DD"`);
  return { text, owner, due };
}

/**
 * Files are stored in the data folder's evidence store (as the desk stores uploads), so the office
 * can open what it verifies; text evidence is hashed.
 */
async function evidenceOf(ctx: Context, o: Common & Record<string, unknown>, where: { campaignId: string; no: number }): Promise<Evidence[]> {
  const files = (o.evidenceFile as string[] | undefined) ?? [];
  const texts = (o.evidenceText as string[] | undefined) ?? [];
  const stored: Evidence[] = [];
  const { evidenceStoreFor, storeEvidenceFile } = lazy.evidence();
  const { textEvidence } = lazy.actions();
  if (files.length) {
    const db = await ctx.database();
    const store = evidenceStoreFor(path.resolve(env().RECTIFY_DATA_DIR));
    const maxBytes = Math.round(env().RECTIFY_MAX_UPLOAD_MB * 1024 * 1024);
    for (const file of files) {
      const e = await storeEvidenceFile(db, store, { campaignId: where.campaignId, problemNo: where.no, path: file, uploadedBy: o.as, maxBytes });
      stored.push({ kind: 'file', name: e.name, size: e.size, sha256: e.sha256, mime: e.mime });
    }
  }
  return [...stored, ...texts.map(textEvidence)];
}

function num(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UserError(`「${String(v)}」不是有效数字`);
  return n;
}

const optionalString = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
