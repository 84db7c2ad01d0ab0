import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { isValidDate, shanghaiDate } from '../domain/dates';
import type { Db } from '../db/client';
import { getCampaign } from '../db/queries/get-campaign';
import { insertCampaignEvent } from '../db/queries/insert-campaign-event';
import { listCampaignEvents } from '../db/queries/list-campaign-events';
import { listReportTexts, REPORT_SECTION_LABEL, REPORT_SECTIONS, type ReportSection } from '../db/queries/list-report-texts';
import { setReportText } from '../db/queries/set-report-text';
import { compose } from '../report/compose';
import { defaultText } from '../report/defaults';
import { toMarkdown } from '../report/markdown';
import { CampaignNotFoundError, loadReportModel, type ReportModel } from '../report/model';
import { officeTextProblem } from '../report/office-text';
import { allProblems } from '../report/tally';
import type { Context } from './context';
import * as lazy from './lazy';
import { UserError } from '../domain/errors';
import { progress, table } from './format';

// rectify report / report-text / event: the progress report (通报) from the live ledger, the
// paragraphs the office writes for it, and the meetings it narrates.

/** From this many problems on, long steps report progress on stderr. */
const BIG = 1000;
const note = (s: string) => process.stderr.write(`${s}\n`);

function date(value: string | undefined, option: string): string {
  const d = value ?? shanghaiDate(Date.now());
  if (!isValidDate(d)) throw new UserError(`${option}: 「${d}」不是有效日期（格式 YYYY-MM-DD）`);
  return d;
}

async function model(db: Db, campaignId: string, asOf: string): Promise<ReportModel> {
  try {
    return await loadReportModel(db, campaignId, asOf);
  } catch (e) {
    throw e instanceof CampaignNotFoundError ? new UserError(e.message) : e;
  }
}

async function requireCampaign(db: Db, campaignId: string): Promise<void> {
  if (!(await getCampaign(db, campaignId))) throw new UserError(new CampaignNotFoundError(campaignId).message);
}

interface ReportOptions {
  campaign: string;
  format?: 'docx' | 'md';
  out?: string;
  asOf?: string;
}

async function writeReport(ctx: Context, o: ReportOptions, out: (s: string) => void): Promise<void> {
  const asOf = date(o.asOf, '--as-of');
  const format = o.format ?? (o.out?.toLowerCase().endsWith('.docx') ? 'docx' : 'md');
  const m = await model(await ctx.database(), o.campaign, asOf);
  const big = allProblems(m).length >= BIG;
  if (big) note(`已读取台账：${allProblems(m).length} 个问题，正在生成通报…`);
  const doc = compose(m);
  const f = doc.figures;
  const summary = `问题 ${f.problems} 个（已完成 ${f.problemsCompleted}，未完成 ${f.problemsUnfinished}），措施 ${f.measures} 条（已完成 ${f.measuresCompleted}），统计截至 ${asOf}`;
  if (doc.defaulted.length > 0) {
    const labels = doc.defaulted.map((s) => `${s}（${REPORT_SECTION_LABEL[s]}）`).join('、');
    note(`提示：${labels} 使用了默认文字；可用 rectify report-text -c ${o.campaign} --section <部分> --text <文字> 修改`);
  }
  if (format === 'md') {
    const md = toMarkdown(doc);
    if (!o.out) return out(md.trimEnd());
    writeFileSync(o.out, md);
    return out(`已生成通报 ${o.out}：${summary}`);
  }
  const file = o.out ?? `${o.campaign}-整改进展情况通报.docx`;
  const { toDocx } = lazy.docx();
  const buffer = await toDocx(doc, { onProgress: big ? progress('排版段落', doc.blocks.length) : undefined });
  writeFileSync(file, buffer);
  out(`已生成通报 ${file}：${summary}`);
}

async function editText(ctx: Context, o: { campaign: string; section: ReportSection; text?: string; file?: string; clear?: boolean }, out: (s: string) => void) {
  const given = [o.text !== undefined, o.file !== undefined, o.clear === true].filter(Boolean).length;
  if (given > 1) throw new UserError('--text、--file 和 --clear 只能用一个');
  const db = await ctx.database();
  const label = `${o.section}（${REPORT_SECTION_LABEL[o.section]}）`;
  if (given === 0) {
    const own = (await listReportTexts(db, o.campaign)).find((t) => t.section === o.section);
    if (own) return out(own.text);
    const m = await model(db, o.campaign, date(undefined, ''));
    const unfinished = allProblems(m).filter((p) => !p.completed).length;
    return out(`（${label}尚未设置，通报使用以下默认文字）\n${defaultText(o.section, m, unfinished)}`);
  }
  await requireCampaign(db, o.campaign);
  if (o.clear) {
    await setReportText(db, o.campaign, o.section, null);
    return out(`已清除 ${label}，通报将使用默认文字`);
  }
  const text = o.file !== undefined ? readFileSync(o.file, 'utf8') : (o.text ?? '');
  const problem = officeTextProblem(o.section, text);
  if (problem) throw new UserError(`${label}：${problem}`);
  await setReportText(db, o.campaign, o.section, text);
  out(`已保存 ${label}`);
}

function addEventCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  const event = program.command('event').description('整改工作会议和重要事项（通报“一、整改工作基本情况”中按日期列出）');
  event
    .command('add')
    .description('记录一次会议或一项工作')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .requiredOption('--date <YYYY-MM-DD>', '日期')
    .addOption(new Option('--kind <kind>', '类别：meeting（会议）或 event（其他工作）').choices(['meeting', 'event']).makeOptionMandatory())
    .requiredOption('--text <text>', '内容，如“召开党委会专题研究整改方案”')
    .action(async (o: { campaign: string; date: string; kind: 'meeting' | 'event'; text: string }) => {
      const onDate = date(o.date, '--date');
      const text = o.text.trim();
      if (text === '') throw new UserError('--text 不能为空');
      const db = await ctx.database();
      await requireCampaign(db, o.campaign);
      const id = await insertCampaignEvent(db, { campaignId: o.campaign, onDate, kind: o.kind, text });
      out(`已记录${o.kind === 'meeting' ? '会议' : '工作'}（编号 ${id}）：${onDate} ${text}`);
    });
  event
    .command('ls')
    .description('列出已记录的会议和工作')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .action(async (o: { campaign: string }) => {
      const rows = await listCampaignEvents(await ctx.database(), o.campaign);
      if (rows.length === 0) return out(`巡察整改 ${o.campaign} 还没有记录会议或工作`);
      out(table(['编号', '日期', '类别', '内容'], rows.map((r) => [String(r.id), r.onDate, r.kind === 'meeting' ? '会议' : '工作', r.text])));
    });
}

export function addReportCommands(program: Command, ctx: Context, out: (s: string) => void): void {
  program
    .command('report')
    .description('生成巡察整改进展情况通报（Word 或 Markdown），数字全部取自台账')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .addOption(new Option('--format <format>', '格式：docx（Word）或 md（Markdown）；默认按 --out 的扩展名，否则 md').choices(['docx', 'md']))
    .option('-o, --out <file>', '输出文件；md 不指定时输出到屏幕，docx 默认“<编号>-整改进展情况通报.docx”')
    .option('--as-of <YYYY-MM-DD>', '统计截至日期，也是落款日期（默认今天）')
    .action((o: ReportOptions) => writeReport(ctx, o, out));

  program
    .command('report-text')
    .description('查看或编辑通报中由办公室撰写的部分（不带 --text/--file/--clear 时显示当前文字）')
    .requiredOption('-c, --campaign <id>', '巡察整改编号', process.env.RECTIFY_CAMPAIGN)
    .addOption(new Option('--section <section>', Object.entries(REPORT_SECTION_LABEL).map(([k, v]) => `${k}：${v}`).join('；')).choices(REPORT_SECTIONS).makeOptionMandatory())
    .option('--text <text>', '文字；每行一段')
    .option('--file <path>', '从 UTF-8 文本文件读取文字')
    .option('--clear', '删除已设置的文字，恢复默认')
    .action((o: { campaign: string; section: ReportSection; text?: string; file?: string; clear?: boolean }) => editText(ctx, o, out));

  addEventCommands(program, ctx, out);
}
