// The Word report opened by a real office suite: LibreOffice converts it to PDF, poppler reads
// the PDF's text, and that text must hold the report — and parse back to the same report as the
// Markdown, page footers ("— 2 —") and line wrapping included. LibreOffice and pdftotext are
// required (servers/ensure-office.sh installs them): without them this test fails, it never skips.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../report/compose';
import { toDocx } from '../../report/docx';
import { toMarkdown } from '../../report/markdown';
import { parseReport } from '../../report/parse';
import { figuresSentence } from '../../report/tally';
import { sampleModel } from './sample-model';

function run(cmd: string, args: string[], timeoutMs = 90_000): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? `${cmd} 未安装：请先运行 servers/ensure-office.sh` : `${cmd} 运行失败：${r.error.message}`);
  }
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 退出码 ${r.status}：${r.stderr}`);
  return r.stdout;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

test('LibreOffice opens the .docx: A4 pages, Chinese fonts embedded, the report\'s text and page numbers in the PDF', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-docx-'));
  const model = sampleModel();
  const doc = compose(model);
  const file = join(dir, '通报.docx');
  writeFileSync(file, await toDocx(doc));

  // A private profile: parallel runs (and a desktop session) would otherwise share one and clash.
  run('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file]);
  const pdf = join(dir, '通报.pdf');
  const text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);

  const info = run('pdfinfo', [pdf]);
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(3);
  expect(run('pdffonts', [pdf])).toMatch(/CJK/);

  const flat = squeeze(text);
  expect(flat).toContain(squeeze(doc.title));
  expect(flat).toContain('关于落实全面从严治党主体责任方面');
  expect(flat).toContain('大额资金支出未经集体决策');
  expect(flat).toContain('一是修订“三重一大”决策制度。二是清查2023年以来大额支出。');
  expect(flat).toContain(squeeze(figuresSentence(doc.figures, model.asOf)));
  expect(text).toMatch(/^— ?1 ?—$/m);
  expect(text).toMatch(/^— ?2 ?—$/m);

  // The PDF text is a hard-wrapped conversion like the Dezhou seed; the parser reads it back.
  expect(parseReport(text)).toEqual(parseReport(toMarkdown(doc)));
});
