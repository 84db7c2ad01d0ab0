// Timing, not a test (jest only runs *.test.ts): the report of a 3,500-problem campaign on a
// real PostgreSQL database, written as Markdown and as Word through the CLI commands, read back
// with parseReport, and (with --pdf) converted by LibreOffice.
//   npx tsx tests/report/perf/report-3500.ts [--problems 3500] [--pdf]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Context } from '../../../client/context';
import { addReportCommands } from '../../../client/report-commands';
import type { Db } from '../../../db/client';
import { insertCampaign } from '../../../db/queries/insert-campaign';
import { compose } from '../../../report/compose';
import { toDocx } from '../../../report/docx';
import { toMarkdown } from '../../../report/markdown';
import { loadReportModel } from '../../../report/model';
import { parseReport } from '../../../report/parse';
import { testLedger } from '../../db/fixtures';
import { migratedPg } from '../../db/pg';

const args = process.argv.slice(2);
const COUNT = Number(args[args.indexOf('--problems') + 1] || 3500) || 3500;
const ID = 'perf-3500';

class DbContext extends Context {
  constructor(private readonly testDb: Db) {
    super();
  }
  override async database(): Promise<Db> {
    return this.testDb;
  }
}

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return r;
}

/** 3,500 problems over 6 aspects, 3 measures each; 85% closed with outcomes, the rest in progress. */
async function load(db: Db): Promise<void> {
  const ledger = testLedger({
    id: ID,
    aspects: Array.from({ length: 6 }, (_, k) => ({ no: k + 1, title: `关于第${k + 1}方面整改工作的问题` })),
    problems: Array.from({ length: COUNT }, (_, k) => ({
      no: k + 1, aspect: (k % 6) + 1, title: `某科室在第${k + 1}项工作中存在制度执行不严格、监督检查不到位的问题`, kind: 'time-bound',
      responsibleLeader: 'dean', department: '财务科', owner: 'fin-head', deadline: '2025-06-30',
      measures: [1, 2, 3].map((n) => ({ text: `针对第${k + 1}项问题，修订完善相关管理制度并组织专题培训，开展第${n}轮专项检查，建立长效监督机制`, owner: 'fin-2', due: '2025-03-01' })),
    })),
  });
  await insertCampaign(db, ledger);
  // Workflow states in bulk (a snapshot per problem would only slow the setup down).
  await db.query(`update problems set status = 'closed', closed_on = '2025-03-01', version = 1 where campaign_id = $1 and no % 20 not in (1, 2, 3)`, [ID]);
  await db.query(`update problems set status = 'in_progress', deadline = '2025-09-30', version = 1 where campaign_id = $1 and status <> 'closed'`, [ID]);
  await db.query(
    `update measures m set done = true, completed_at = '2025-02-01T02:00:00Z', regulations = (problem_no % 2), funds_recovered_wan = (problem_no % 7) * 0.25,
       admonishment = (case when problem_no % 50 = 0 then 1 else 0 end)
     from problems p where p.campaign_id = m.campaign_id and p.no = m.problem_no and m.campaign_id = $1 and (p.status = 'closed' or m.id = 'M1')`,
    [ID],
  );
  await db.query(
    `insert into progress_reports (campaign_id, problem_no, seq, at, by_id, by_name, text)
     select campaign_id, no, 1, '2025-03-10T02:00:00Z', 'fin-head', '郑科长', '已完成第一轮专项检查，正在推进制度修订' from problems where campaign_id = $1 and status <> 'closed'`,
    [ID],
  );
}

async function main(): Promise<void> {
  const t = await time('start PostgreSQL + migrate', () => migratedPg());
  try {
    await time(`load ${COUNT} problems (${COUNT * 3} measures)`, () => load(t.db));
    const dir = mkdtempSync(join(tmpdir(), 'rectify-perf-'));
    const cli = async (...argv: string[]) => {
      const program = new Command('rectify').exitOverride();
      addReportCommands(program, new DbContext(t.db), (s) => console.log(`  ${s}`));
      await program.parseAsync(argv, { from: 'user' });
    };
    const md = join(dir, 'report.md');
    const docx = join(dir, 'report.docx');
    await time('rectify report --format md  (CLI, end to end)', () => cli('report', '-c', ID, '--format', 'md', '--out', md, '--as-of', '2025-03-20'));
    await time('rectify report --format docx (CLI, end to end)', () => cli('report', '-c', ID, '--format', 'docx', '--out', docx, '--as-of', '2025-03-20'));
    console.log(`  sizes: md ${(statSync(md).size / 1e6).toFixed(2)} MB, docx ${(statSync(docx).size / 1e6).toFixed(2)} MB`);

    const model = await time('  of which: loadReportModel', () => loadReportModel(t.db, ID, '2025-03-20'));
    const doc = await time('  of which: compose', () => compose(model));
    await time('  of which: toMarkdown', () => toMarkdown(doc));
    await time('  of which: toDocx', () => toDocx(doc));
    const parsed = await time('parseReport(markdown)', () => parseReport(readFileSync(md, 'utf8')));
    const problems = parsed.aspects.flatMap((a) => a.problems);
    console.log(`  read back: ${problems.length} problems, ${problems.reduce((n, p) => n + p.measures.length, 0)} measures, figures ${JSON.stringify(parsed.figures)}`);
    if (args.includes('--pdf')) {
      await time('libreoffice --convert-to pdf', () =>
        spawnSync('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 900_000 }));
      console.log(`  ${spawnSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' }).stdout.match(/Pages:\s+\d+/)?.[0] ?? 'no PDF'}`);
    }
  } finally {
    await t.close();
  }
}

void main();
