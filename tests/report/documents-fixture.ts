// A problem carried through the real state machine (validateAction + applyAction) from the ledger
// to closure: claim, plan, an approved extension, three measures completed with evidence, a closure
// request returned by the office with a reason, and a second round approved at all three levels.
// Also the text of a .docx as Word stores it, for assertions.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { newProblemsOf } from '../../domain/campaign';
import { applyAction, newProblemData, validateAction } from '../../domain/problem';
import type { ActionName, Evidence, ProblemData } from '../../domain/problem-types';
import type { ClosureSheetExtra } from '../../report/closure-sheet-model';
import type { SupervisionNoticeInput } from '../../report/supervision-notice';
import { smallLedger } from '../support/ledger';

/** Typed by a department: quotes, angle brackets and an ampersand must print as they are. */
export const TITLE = '药品采购“二次议价”<未经>集体决策 & "先采后批"';
export const DESCRIPTION = '2023年以来，药剂科与财务科对部分药品开展二次议价，议价结果未经院长办公会研究。';
export const RETURN_REASON = '佐证材料缺少<院长办公会纪要>原件 & 签字页，请补充';
export const VERIFY_OPINION = '已对账：佐证齐全，"三重一大"制度已印发';

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const file = (name: string, size: number): Evidence => ({ kind: 'file', name, size, sha256: sha(name) });
const text = (t: string): Evidence => ({ kind: 'text', text: t, sha256: sha(t) });

export const EVIDENCE: Record<string, Evidence[]> = {
  M1: [file('关于印发《药品采购管理办法（2026年修订）》的通知.pdf', 1_254_873), text('办法已于2026年1月12日经党委会审议通过并印发全院。')],
  M2: [file('议价差额清退凭证.xlsx', 48_213)],
  M3: [file('诫勉谈话记录.docx', 21_504), file('现场照片.jpg', 3_870_110)],
};

export function closedProblem(): ProblemData {
  const ledger = smallLedger({
    problems: [
      { no: 7, aspect: 1, title: TITLE, description: DESCRIPTION, kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1', deadline: '2026-01-31' },
    ],
  });
  const d = newProblemData(newProblemsOf(ledger, '2025-12-20')[0]!, Date.parse('2025-12-20T01:00:00Z'));
  const act = (iso: string, action: ActionName, args: Record<string, unknown>) => {
    const now = Date.parse(iso);
    const { args: parsed, actor } = validateAction(d, action, args, now);
    applyAction(d, action, parsed, actor, now);
  };
  act('2025-12-22T01:00:00Z', 'claim', { actor: 'fin1' });
  act('2025-12-23T02:00:00Z', 'planMeasures', {
    actor: 'fin1',
    measures: [
      { text: '修订《药品采购管理办法》，明确议价须经院长办公会集体研究', owner: 'fin1', due: '2026-01-15' },
      { text: '清查2023年以来二次议价记录，清退议价差额', owner: 'fin2', due: '2026-01-25' },
      { text: '对相关责任人开展诫勉谈话', owner: 'fin1', due: '2026-01-30' },
    ],
  });
  act('2025-12-23T03:00:00Z', 'submitPlan', { actor: 'fin2' });
  act('2025-12-24T02:00:00Z', 'decidePlan', { actor: 'vp1', approve: true });
  act('2026-01-14T07:00:00Z', 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: EVIDENCE.M1, outcomes: { regulations: 2 } });
  act('2026-01-20T02:00:00Z', 'requestExtension', { actor: 'fin1', until: '2026-02-28', reason: '清退涉及供应商较多' });
  act('2026-01-21T02:00:00Z', 'decideExtension', { actor: 'head', approve: true });
  act('2026-02-10T08:15:00Z', 'completeMeasure', { actor: 'fin2', measureId: 'M2', evidence: EVIDENCE.M2, outcomes: { fundsRecoveredWan: 12.35 } });
  act('2026-02-12T09:00:00Z', 'completeMeasure', { actor: 'fin1', measureId: 'M3', evidence: EVIDENCE.M3, outcomes: { admonishment: 1, orderedSelfCriticism: 2 } });
  // Round one: the leader agrees with a note of his own, the office sends it back.
  act('2026-02-13T01:00:00Z', 'requestClosure', { actor: 'fin1' });
  act('2026-02-14T02:00:00Z', 'reviewClosure', { actor: 'vp1', approve: true, reason: '初审同意，报办公室' });
  act('2026-02-16T03:00:00Z', 'verifyClosure', { actor: 'office1', approve: false, reason: RETURN_REASON });
  // Round two: approved at all three levels (the leader and the head without a note).
  act('2026-02-24T01:00:00Z', 'requestClosure', { actor: 'fin1' });
  act('2026-02-25T07:10:00Z', 'reviewClosure', { actor: 'vp1', approve: true });
  act('2026-02-26T08:05:00Z', 'verifyClosure', { actor: 'office1', approve: true, reason: VERIFY_OPINION });
  act('2026-02-27T16:30:00Z', 'approveClosure', { actor: 'head', approve: true });
  return d;
}

/** What the server would hand in: the evidence index from the stored files, in any order. */
export function extraOf(d: ProblemData): ClosureSheetExtra {
  const evidence = d.measures.flatMap((m) =>
    m.evidence.map((e) =>
      e.kind === 'file'
        ? { measureId: m.id, name: e.name, size: e.size, sha256: e.sha256, kind: 'file' as const }
        : { measureId: m.id, name: '文字佐证', size: Buffer.byteLength(e.text), sha256: e.sha256, kind: 'text' as const, text: e.text },
    ),
  );
  return { organisation: '德州市妇幼保健院', campaignName: '市委第五巡察组反馈问题整改', printedAt: '2026-03-02T02:45:00Z', evidence: evidence.reverse() };
}

export function noticeInput(): SupervisionNoticeInput {
  return {
    year: 2026,
    seq: 3,
    organisation: '德州市妇幼保健院',
    problem: {
      no: 7,
      title: TITLE,
      description: DESCRIPTION,
      department: '财务科',
      leaderName: '李院长',
      ownerName: '钱科长',
      kindLabel: '限期整改',
      deadline: '2026-02-28',
      daysOverdue: 7,
      measures: [
        { id: 'M1', text: '修订《药品采购管理办法》', done: true },
        { id: 'M2', text: '清退议价差额 & 追责<供应商>', done: false },
        { id: 'M3', text: '对相关责任人开展诫勉谈话', done: false },
      ],
    },
    issuedOn: '2026-03-07',
    recipients: ['王书记', '李院长', '财务科'],
    dueBy: '2026-03-21',
    requirement: '请责任科室立即组织整改，责任领导亲自督促，每周五前报送进展；逾期未办结的，将按规定\n予以通报并追责。',
    issuer: '德州市妇幼保健院巡察整改工作领导小组办公室',
  };
}

/** The document's paragraphs as text (w:t joined, entities decoded), and its raw XML. */
export async function docxText(buf: Buffer): Promise<{ xml: string; paragraphs: string[]; rows: string[] }> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  const decode = (s: string) =>
    s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    );
  const textOf = (part: string) => [...part.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] === undefined ? '\n' : decode(m[1]))).join('');
  const paragraphs = xml.split('</w:p>').map(textOf).filter((t) => t.trim() !== '');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => r[0].split('</w:p>').map(textOf).filter((t) => t !== '').join('|'));
  return { xml, paragraphs, rows };
}
