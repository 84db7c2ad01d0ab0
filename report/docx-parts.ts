import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { fontTableXml, OFFICIAL_FONTS, type FontChoice } from './docx-fonts';

// Building blocks of the desk's one- or two-page forms (督办单, 对账销号单): the fonts of
// docx-fonts.ts plus a monospace face for hashes, paragraphs, bordered tables, an A4 section with
// centred page numbers. docx.ts keeps its own private helpers for the long 通报.

export const MM = 56.7; // twips per millimetre
export const PT = 20; // twips per point

/** Hashes: 64 hex digits must fit one table column, so an even-width face. */
export const MONO: FontChoice = { name: 'Courier New', altName: 'Consolas', family: 'modern' };
export const FONTS = { ...OFFICIAL_FONTS, mono: MONO };

export interface RunStyle {
  font?: FontChoice;
  sizePt?: number;
  bold?: boolean;
  underline?: boolean;
}

/**
 * Text as runs, exactly as given: the docx package escapes XML, and line breaks typed by a person
 * become breaks instead of vanishing into one line.
 */
export function runs(text: string, { font = FONTS.body, sizePt = 16, bold = false, underline = false }: RunStyle = {}): TextRun[] {
  return text.split(/\r?\n/).map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        bold,
        underline: underline ? {} : undefined,
        size: sizePt * 2,
        font: { ascii: font.name, hAnsi: font.name, eastAsia: font.name, cs: font.name },
        language: { value: 'zh-CN', eastAsia: 'zh-CN' },
      }),
  );
}

export type Align = 'left' | 'center' | 'right' | 'both';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, both: AlignmentType.BOTH } as const;

export interface ParaOptions extends RunStyle {
  align?: Align;
  /** Exact line height in points (a fixed grid like the official documents). */
  linePt?: number;
  beforePt?: number;
  afterPt?: number;
  /** First-line indent in characters of the run's size. */
  indentChars?: number;
  rightIndentChars?: number;
  keepNext?: boolean;
}

export function para(content: string | TextRun[], o: ParaOptions = {}): Paragraph {
  const sizePt = o.sizePt ?? 16;
  const children = typeof content === 'string' ? runs(content, o) : content;
  // A justified line that ends in a typed line break is stretched edge to edge by LibreOffice;
  // such paragraphs are set flush left instead.
  const align = o.align === 'both' || !o.align ? (typeof content === 'string' && content.includes('\n') ? 'left' : 'both') : o.align;
  return new Paragraph({
    alignment: ALIGN[align],
    spacing: {
      line: Math.round((o.linePt ?? sizePt * 1.6) * PT),
      lineRule: LineRuleType.EXACT,
      before: Math.round((o.beforePt ?? 0) * PT),
      after: Math.round((o.afterPt ?? 0) * PT),
    },
    indent: { firstLine: Math.round((o.indentChars ?? 0) * sizePt * PT), right: Math.round((o.rightIndentChars ?? 0) * sizePt * PT) },
    keepNext: o.keepNext,
    children,
  });
}

export const title = (text: string): Paragraph =>
  para(text, { font: FONTS.title, sizePt: 22, align: 'center', linePt: 35, afterPt: 12 });

export interface CellSpec {
  content: string | Paragraph[];
  span?: number;
  /** Labels: 黑体 and a light grey fill, like a printed form. */
  label?: boolean;
  align?: Align;
  style?: RunStyle;
}

const LINE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;

export interface TableSpec {
  /** Column widths in millimetres; they should add up to the text width. */
  columnsMm: number[];
  rows: CellSpec[][];
  /** Minimum row heights in millimetres (one per row, or one for all). */
  minRowMm?: number | number[];
  /** Body text size of the cells. */
  sizePt?: number;
}

export function table({ columnsMm, rows, minRowMm, sizePt = 14 }: TableSpec): Table {
  const widths = columnsMm.map((w) => Math.round(w * MM));
  const heightOf = (i: number) => (Array.isArray(minRowMm) ? minRowMm[i] : minRowMm);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    // Fixed: the page, not the content, decides the widths, so a long hash cannot widen a column.
    layout: TableLayoutType.FIXED,
    borders: { top: LINE_BORDER, bottom: LINE_BORDER, left: LINE_BORDER, right: LINE_BORDER, insideHorizontal: LINE_BORDER, insideVertical: LINE_BORDER },
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    rows: rows.map((cells, i) => {
      const h = heightOf(i);
      let col = 0;
      return new TableRow({
        // Rows never split: each is a record to check. Hence no repeating header (tblHeader) and
        // no header kept with the next row: with either, LibreOffice 7.4 silently drops the
        // unsplittable rows that move to the next page.
        cantSplit: true,
        height: h ? { value: Math.round(h * MM), rule: HeightRule.ATLEAST } : undefined,
        children: cells.map((c) => {
          const span = c.span ?? 1;
          const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
          col += span;
          const style: RunStyle = { sizePt, ...(c.label ? { font: FONTS.heading1 } : {}), ...c.style };
          const children = typeof c.content === 'string' ? [para(c.content, { ...style, align: c.align ?? (c.label ? 'center' : 'left') })] : c.content;
          return new TableCell({
            children,
            columnSpan: span > 1 ? span : undefined,
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            shading: c.label ? { fill: 'F2F2F2', type: 'clear', color: 'auto' } : undefined,
          });
        }),
      });
    }),
  });
}

export interface PageMarginsMm {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function pageFooter(): Footer {
  const f = FONTS.pageNumber.name;
  const number = new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: { ascii: f, hAnsi: f, eastAsia: f } });
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [number] })] });
}

/** One A4 section with page numbers, packed with the font table that names fallbacks for Word. */
export async function packA4(docTitle: string, children: (Paragraph | Table)[], margins: PageMarginsMm): Promise<Buffer> {
  const document = new Document({
    title: docTitle,
    creator: 'rectify',
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(margins.top * MM),
              bottom: Math.round(margins.bottom * MM),
              left: Math.round(margins.left * MM),
              right: Math.round(margins.right * MM),
              footer: Math.round(Math.max(10, margins.bottom - 12) * MM),
            },
          },
        },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  // fontTableXml reads every font of the object it is given, the monospace face included.
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml(FONTS) }]);
}

/** Printed width in em (characters of the text size): CJK and full-width forms 1, Latin half. */
export const textWidth = (s: string): number => [...s].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) <= 0x24f ? 0.5 : 1), 0);

/** 12345 → "12.1 KB": sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
