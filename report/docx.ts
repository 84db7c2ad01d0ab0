import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { Block } from './blocks';
import type { ReportDocument } from './compose';
import { fontTableXml, OFFICIAL_FONTS, type FontChoice, type FontSet } from './docx-fonts';

// The report as a Word document laid out like a party-committee document (GB/T 9704): A4,
// margins 37/35/28/26 mm, 三号 (16 pt) 仿宋 body on a fixed 29 pt line (22 lines a page),
// two-character first-line indents, 二号 小标宋 title, page numbers "— N —" in the footer,
// right on odd pages and left on even ones.

const MM = 56.7; // twips per millimetre
const PT = 20; // twips per point
const BODY_PT = 16;
const INDENT = 2 * BODY_PT * PT; // two characters
const LINE = { line: 29 * PT, lineRule: LineRuleType.EXACT } as const;

export interface DocxOptions {
  fonts?: Partial<FontSet>;
  /** Called while paragraphs are built (done, total): thousands of problems take a moment. */
  onProgress?: (done: number, total: number) => void;
}

function run(text: string, font: FontChoice, sizePt: number, bold = false): TextRun {
  return new TextRun({
    text,
    bold,
    size: sizePt * 2,
    font: { ascii: font.name, hAnsi: font.name, eastAsia: font.name, cs: font.name },
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });
}

function paragraphOf(block: Block, fonts: FontSet): Paragraph {
  // keepNext: a heading is never left alone at the foot of a page.
  const body = (text: string, font = fonts.body, bold = false, keepNext = false) =>
    new Paragraph({ alignment: AlignmentType.BOTH, indent: { firstLine: INDENT }, spacing: LINE, keepNext, children: [run(text, font, BODY_PT, bold)] });
  switch (block.kind) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: 35 * PT, lineRule: LineRuleType.EXACT, after: 29 * PT },
        children: [run(block.text, fonts.title, 22)],
      });
    case 'heading':
      // 一、黑体  （一）楷体  1./（1）仿宋加粗
      if (block.level === 1) return body(block.text, fonts.heading1, false, true);
      if (block.level === 2) return body(block.text, fonts.heading2, false, true);
      return body(block.text, fonts.body, true, true);
    case 'paragraph':
      return body(block.text);
    case 'signature':
      return new Paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { right: 4 * BODY_PT * PT },
        spacing: { ...LINE, before: 2 * 29 * PT },
        keepNext: true,
        children: [run(block.text, fonts.body, BODY_PT)],
      });
    case 'date':
      return new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * BODY_PT * PT }, spacing: LINE, children: [run(block.text, fonts.body, BODY_PT)] });
  }
}

function pageFooter(fonts: FontSet, alignment: 'right' | 'left'): Footer {
  const number = new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: { ascii: fonts.pageNumber.name, hAnsi: fonts.pageNumber.name, eastAsia: fonts.pageNumber.name } });
  const indent = alignment === 'right' ? { right: 14 * PT } : { left: 14 * PT };
  return new Footer({ children: [new Paragraph({ alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, indent, children: [number] })] });
}

export async function toDocx(doc: ReportDocument, options: DocxOptions = {}): Promise<Buffer> {
  const fonts: FontSet = { ...OFFICIAL_FONTS, ...options.fonts };
  const total = doc.blocks.length;
  const children = doc.blocks.map((b, i) => {
    if (options.onProgress && (i % 1000 === 0 || i === total - 1)) options.onProgress(i + 1, total);
    return paragraphOf(b, fonts);
  });
  const document = new Document({
    title: doc.title,
    creator: 'rectify',
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(20 * MM) },
          },
        },
        footers: { default: pageFooter(fonts, 'right'), even: pageFooter(fonts, 'left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }]);
}
