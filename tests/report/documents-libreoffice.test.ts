// The 督办单 and the 对账销号单 opened by a real office suite: LibreOffice converts both to PDF,
// poppler reads them back. The notice fits one A4 page; every evidence hash survives whole on one
// line (its column is wide enough). LibreOffice and poppler are required (servers/ensure-office.sh
// installs them): without them this test fails, it never skips.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closureSheetDocx } from '../../report/closure-sheet';
import { closureSheetInput } from '../../report/closure-sheet-model';
import { supervisionNoticeDocx } from '../../report/supervision-notice';
import { closedProblem, EVIDENCE, extraOf, noticeInput, TITLE, VERIFY_OPINION } from './documents-fixture';
import { runTool, squeeze } from '../support/office';

const pages = (info: string) => Number(/Pages:\s+(\d+)/.exec(info)?.[1]);

test('LibreOffice opens both documents: A4, Chinese fonts, the titles, the facts, the decisions and every whole hash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-documents-'));
  const d = closedProblem();
  const notice = join(dir, '督办单.docx');
  const sheet = join(dir, '对账销号单.docx');
  writeFileSync(notice, await supervisionNoticeDocx(noticeInput()));
  writeFileSync(sheet, await closureSheetDocx(closureSheetInput(d, extraOf(d))));

  // A private profile: parallel runs (and a desktop session) would otherwise share one and clash.
  runTool('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, notice, sheet]);

  const noticePdf = join(dir, '督办单.pdf');
  const noticeInfo = runTool('pdfinfo', [noticePdf]);
  expect(noticeInfo).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(pages(noticeInfo)).toBe(1);
  expect(runTool('pdffonts', [noticePdf])).toMatch(/CJK/);
  const noticeText = squeeze(runTool('pdftotext', ['-enc', 'UTF-8', noticePdf, '-']));
  for (const s of ['巡察整改督办单', '督办〔2026〕第3号', '主送：王书记、李院长、财务科', TITLE, '逾期天数7天', '督办事项', '办理要求', '签收人：', '签收时间：', noticeInput().issuer]) {
    expect(noticeText).toContain(squeeze(s));
  }

  const sheetPdf = join(dir, '对账销号单.pdf');
  const sheetInfo = runTool('pdfinfo', [sheetPdf]);
  expect(sheetInfo).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(pages(sheetInfo)).toBeGreaterThanOrEqual(1);
  expect(runTool('pdffonts', [sheetPdf])).toMatch(/CJK/);
  const raw = runTool('pdftotext', ['-enc', 'UTF-8', sheetPdf, '-']);
  const sheetText = squeeze(raw);
  for (const s of ['巡察反馈问题整改对账销号单', TITLE, '诫勉谈话记录.docx', VERIFY_OPINION, '签名：周主任', '签名：王书记', '时间：2026年2月28日00:30']) {
    expect(sheetText).toContain(squeeze(s));
  }
  // Every row of the evidence index made it onto a page, its hash unbroken.
  for (const e of Object.values(EVIDENCE).flat()) expect(raw).toContain(e.sha256);
});
