// The Word report opened by a real office suite: LibreOffice converts it to PDF, poppler reads
// the PDF's text, and that text must hold the report — and parse back to the same report as the
// Markdown, page footers ("— 2 —") and line wrapping included. LibreOffice and pdftotext are
// required (servers/ensure-office.sh installs them): without them this test fails, it never skips.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../report/compose';
import { toDocx } from '../../report/docx';
import { toMarkdown } from '../../report/markdown';
import { parseReport } from '../../report/parse';
import { figuresSentence } from '../../report/tally';
import { sampleModel } from './sample-model';
import { runTool, squeeze } from '../support/office';


test('LibreOffice opens the .docx: A4 pages, Chinese fonts embedded, the report\'s text and page numbers in the PDF', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-docx-'));
  const model = sampleModel();
  const doc = compose(model);
  const file = join(dir, '通报.docx');
  writeFileSync(file, await toDocx(doc));

  // A private profile: parallel runs (and a desktop session) would otherwise share one and clash.
  runTool('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file]);
  const pdf = join(dir, '通报.pdf');
  const text = runTool('pdftotext', ['-enc', 'UTF-8', pdf, '-']);

  const info = runTool('pdfinfo', [pdf]);
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(3);
  expect(runTool('pdffonts', [pdf])).toMatch(/CJK/);

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
