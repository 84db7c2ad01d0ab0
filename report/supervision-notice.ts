import type { Paragraph, Table } from 'docx';
import type { CalendarDate } from '../domain/dates';
import { FONTS, packA4, para, runs, table, textWidth, title } from './docx-parts';
import { cnDate } from './wording';

// 督办单: the supervision notice the office issues with a red warning. One A4 page as such
// notices are printed: title, number line, 主送, a bordered table of the facts, 督办事项 and
// 办理要求, a 签收 line to fill in by hand, issuer and date. Pure: plain data in, .docx out; the
// server builds the input from the workflow state and the notification outbox.

export interface SupervisionNoticeMeasure {
  id: string;
  text: string;
  done: boolean;
}

export interface SupervisionNoticeInput {
  /** The number line: `${numberPrefix}督办〔${year}〕第${seq}号`. */
  year: number;
  seq: number;
  /** Optional short name before 督办, e.g. "清医整改". */
  numberPrefix?: string;
  organisation: string;
  problem: {
    no: number;
    title: string;
    description: string;
    department: string;
    leaderName: string;
    ownerName: string;
    /** 立行立改 / 限期整改 / 长期坚持 (KIND_LABEL). */
    kindLabel: string;
    /** The committed deadline that was missed. */
    deadline: CalendarDate;
    /** Days overdue on the issue date. */
    daysOverdue: number;
    measures: SupervisionNoticeMeasure[];
  };
  /** The red warning's date; also the date line under the issuer. */
  issuedOn: CalendarDate;
  /** 主送: names of the people or bodies the notice goes to. */
  recipients: string[];
  /** 限期办结: the date by which the matter must be settled and reported. */
  dueBy: CalendarDate;
  /** The office's requirement text, printed as written. */
  requirement: string;
  /** 领导小组办公室 (full name as it signs). */
  issuer: string;
}

export const noticeNumber = (i: Pick<SupervisionNoticeInput, 'year' | 'seq' | 'numberPrefix'>): string =>
  `${i.numberPrefix ?? ''}督办〔${i.year}〕第${i.seq}号`;

// 四号 body and 小四 table so the whole notice stays on one page, as a form is handed over.
const BODY = { sizePt: 14, linePt: 22 } as const;
const TABLE_PT = 12;

function measureLines(measures: SupervisionNoticeMeasure[]): Paragraph[] {
  if (measures.length === 0) return [para('（尚未制定整改措施）', { sizePt: TABLE_PT, align: 'left' })];
  return measures.map((m) => para(`${m.id}　${m.text}（${m.done ? '已完成' : '未完成'}）`, { sizePt: TABLE_PT, align: 'left' }));
}

function factsTable(i: SupervisionNoticeInput): Table {
  const p = i.problem;
  const L = (content: string) => ({ content, label: true });
  return table({
    columnsMm: [30, 48, 30, 48],
    sizePt: TABLE_PT,
    minRowMm: 7.5,
    rows: [
      [L('被巡察单位'), { content: i.organisation, span: 3 }],
      [L('问题序号'), { content: `第${p.no}项` }, L('整改类型'), { content: p.kindLabel }],
      [L('问题'), { content: p.title, span: 3 }],
      ...(p.description.trim() ? [[L('问题描述'), { content: p.description, span: 3 }]] : []),
      [L('责任领导'), { content: p.leaderName }, L('责任科室'), { content: p.department }],
      [L('责任人'), { content: p.ownerName }, L('承诺整改时限'), { content: cnDate(p.deadline) }],
      [L('督办日期'), { content: cnDate(i.issuedOn) }, L('逾期天数'), { content: `${p.daysOverdue}天` }],
      [L('整改措施'), { content: measureLines(p.measures), span: 3 }],
    ],
  });
}

function matterText(i: SupervisionNoticeInput): string {
  const p = i.problem;
  const open = p.measures.filter((m) => !m.done).map((m) => m.id);
  const done = p.measures.length - open.length;
  const measures = p.measures.length
    ? `整改措施${p.measures.length}条，已完成${done}条${open.length ? `，未完成${open.join('、')}` : ''}。`
    : '尚未制定整改措施。';
  return (
    `巡察反馈问题第${p.no}项“${p.title}”由${p.department}负责整改，责任领导${p.leaderName}，责任人${p.ownerName}，` +
    `承诺整改时限为${cnDate(p.deadline)}。截至${cnDate(i.issuedOn)}，该问题已逾期${p.daysOverdue}天，${measures}现予督办。`
  );
}

export async function supervisionNoticeDocx(input: SupervisionNoticeInput): Promise<Buffer> {
  const heading = (text: string) => para(text, { ...BODY, font: FONTS.heading1, indentChars: 2, beforePt: 6, keepNext: true });
  const body = (text: string) => para(text, { ...BODY, indentChars: 2 });
  const gap = '　'.repeat(8);
  const date = cnDate(input.issuedOn);
  const children: (Paragraph | Table)[] = [
    title('巡察整改督办单'),
    para(noticeNumber(input), { ...BODY, align: 'right', afterPt: 6 }),
    para(`主送：${input.recipients.join('、')}`, { ...BODY, align: 'left', afterPt: 6 }),
    factsTable(input),
    heading('督办事项'),
    body(matterText(input)),
    heading('办理要求'),
    body(input.requirement),
    body(`限期办结时间：${cnDate(input.dueBy)}。请于期限内办结，并将整改情况及佐证材料书面报送${input.issuer}。`),
    para([...runs('签收人：', BODY), ...runs(gap, { ...BODY, underline: true }), ...runs('　　签收时间：', BODY), ...runs(gap, { ...BODY, underline: true })], {
      ...BODY,
      align: 'left',
      beforePt: 8,
    }),
    para(input.issuer, { ...BODY, align: 'right', rightIndentChars: 2, beforePt: 18, keepNext: true }),
    // The date sits centred under the issuer, however long its name.
    para(date, { ...BODY, align: 'right', rightIndentChars: 2 + Math.max(0, (textWidth(input.issuer) - textWidth(date)) / 2) }),
  ];
  return packA4(`巡察整改督办单 ${noticeNumber(input)}`, children, { top: 25, bottom: 22, left: 27, right: 27 });
}
