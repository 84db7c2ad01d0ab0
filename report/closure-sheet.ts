import type { Paragraph, Table } from 'docx';
import { formatOutcome, OUTCOME_FIGURES, outcomeHeader } from '../domain/outcomes';
import type { ClosureLevel, ClosureOpinion, ClosureSheetInput } from './closure-sheet-model';
import { FONTS, formatBytes, packA4, para, table, title, type CellSpec } from './docx-parts';
import { cnDate } from './wording';

// 对账销号单: the record the office files when a problem is struck off — the facts, the measures,
// the outcome figures, an index of the evidence with each item's SHA-256 (so the files kept can be
// checked against the sheet), and the three approvals with name and time. A4 portrait with narrow
// margins: it is a form, and the full 64-digit hash must fit one column.

export type { ClosureSheetInput } from './closure-sheet-model';

const TEXT_PT = 10.5; // 五号: tables of a printed form
const HASH_PT = 7;
const WIDTH_MM = 170;

const heading = (text: string) => para(text, { font: FONTS.heading1, sizePt: 14, linePt: 24, beforePt: 8, afterPt: 4, keepNext: true, align: 'left' });
const L = (content: string): CellSpec => ({ content, label: true });
const day = (d: string | null) => (d ? cnDate(d) : '—');

function factsTable(i: ClosureSheetInput): Table {
  const p = i.problem;
  return table({
    columnsMm: [28, 57, 28, 57],
    sizePt: 12,
    minRowMm: 8,
    rows: [
      [L('序号'), { content: `第${p.no}项` }, L('类型'), { content: p.kindLabel }],
      [L('问题'), { content: p.title, span: 3 }],
      ...(p.description.trim() ? [[L('问题描述'), { content: p.description, span: 3 }]] : []),
      [L('责任领导'), { content: p.leaderName }, L('责任科室'), { content: p.department }],
      [L('责任人'), { content: p.ownerName }, L('销号日期'), { content: cnDate(p.closedOn) }],
      [L('原整改时限'), { content: day(p.originalDeadline) }, L('承诺整改时限'), { content: day(p.deadline) }],
    ],
  });
}

function measuresTable(i: ClosureSheetInput): Table | Paragraph {
  if (i.measures.length === 0) return para('（无整改措施记录）', { sizePt: 12, align: 'left' });
  return table({
    columnsMm: [11, 61, 18, 34, 46],
    sizePt: TEXT_PT,
    rows: [
      [L('编号'), L('措施'), L('责任人'), L('时限'), L('完成时间')],
      ...i.measures.map((m): CellSpec[] => [
        { content: m.id, align: 'center' },
        { content: m.text },
        { content: m.ownerName, align: 'center' },
        { content: cnDate(m.due), align: 'center' },
        { content: m.completedAt ?? '未完成', align: 'center' },
      ]),
    ],
  });
}

function outcomesTable(i: ClosureSheetInput): Table {
  const w = WIDTH_MM / OUTCOME_FIGURES.length;
  return table({
    columnsMm: OUTCOME_FIGURES.map(() => w),
    sizePt: TEXT_PT,
    rows: [OUTCOME_FIGURES.map((f) => L(outcomeHeader(f))), OUTCOME_FIGURES.map((f): CellSpec => ({ content: formatOutcome(f, i.outcomes[f.key]), align: 'center' }))],
  });
}

function evidenceTable(i: ClosureSheetInput): Table | Paragraph {
  if (i.evidence.length === 0) return para('（无佐证材料记录）', { sizePt: 12, align: 'left' });
  return table({
    columnsMm: [10, 11, 33, 16, 100],
    sizePt: 9,
    rows: [
      [L('序号'), L('措施'), L('名称'), L('大小'), L('SHA-256')],
      ...i.evidence.map((e, n): CellSpec[] => [
        { content: String(n + 1), align: 'center' },
        { content: e.measureId, align: 'center' },
        { content: e.kind === 'text' ? `文字佐证：${e.text ?? e.name}` : e.name },
        { content: formatBytes(e.size), align: 'right' },
        { content: e.sha256, style: { font: FONTS.mono, sizePt: HASH_PT } },
      ]),
    ],
  });
}

// Broken where a person would break them, not wherever the narrow label column ends.
const LEVELS: [ClosureLevel, string][] = [
  ['review', '责任领导\n审核意见'],
  ['verify', '领导小组办公室\n核验意见'],
  ['approve', '领导小组\n审批意见'],
];

function opinionCell(o: ClosureOpinion | null): Paragraph[] {
  const text = o ? o.opinion : '（无系统审批记录：该问题随台账导入时已销号）';
  return [
    para(text, { sizePt: 14, linePt: 24, indentChars: 2, afterPt: 10 }),
    para(`签名：${o?.name ?? ''}`, { sizePt: 14, linePt: 24, align: 'right', rightIndentChars: 6 }),
    para(`时间：${o?.at ?? ''}`, { sizePt: 14, linePt: 24, align: 'right', rightIndentChars: 1 }),
  ];
}

function opinionsTable(i: ClosureSheetInput): Table {
  return table({
    columnsMm: [38, 132],
    sizePt: 14,
    minRowMm: 36,
    rows: LEVELS.map(([level, label]) => [L(label), { content: opinionCell(i.opinions[level]) }]),
  });
}

export async function closureSheetDocx(input: ClosureSheetInput): Promise<Buffer> {
  const small = { sizePt: 12, linePt: 20 } as const;
  const children: (Paragraph | Table)[] = [
    title('巡察反馈问题整改对账销号单'),
    para(`被巡察单位：${input.organisation}`, { ...small, align: 'left' }),
    para(`整改事项：${input.campaignName}`, { ...small, align: 'left' }),
    para(`打印时间：${input.printedAt}`, { ...small, align: 'right', afterPt: 4 }),
    heading('一、问题基本情况'),
    factsTable(input),
    heading('二、整改措施'),
    measuresTable(input),
    heading('三、整改成效'),
    outcomesTable(input),
    heading('四、佐证材料索引'),
    evidenceTable(input),
    heading('五、审核审批意见'),
    opinionsTable(input),
  ];
  return packA4(`巡察反馈问题整改对账销号单 问题${input.problem.no}`, children, { top: 25, bottom: 22, left: 20, right: 20 });
}
