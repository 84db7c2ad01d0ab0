import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBodySchema, ProblemParamsSchema } from '../../api/common';
import type { CampaignRecord } from '../../db/queries/get-campaign';
import { listEvidenceUploads } from '../../db/queries/list-evidence-uploads';
import { type SupervisionNotice, supervisionNotice } from '../../db/queries/supervision';
import { addDays, daysBetween } from '../../domain/dates';
import { UserError } from '../../domain/errors';
import { problemWorkflowId } from '../../domain/ids';
import type { ProblemData } from '../../domain/problem-types';
import { KIND_LABEL } from '../../domain/schemas';
import { closureSheetDocx } from '../../report/closure-sheet';
import { type ClosureEvidence, closureSheetInput } from '../../report/closure-sheet-model';
import { noticeNumber, supervisionNoticeDocx, type SupervisionNoticeInput } from '../../report/supervision-notice';
import { cnDate } from '../../report/wording';
import { readProblemState } from '../../services/problem-state';
import { audit } from '../audit';
import type { Desk } from '../context';
import { campaignOf, scopeOf, visibleProblem } from '../remit';
import { MIME, sendDocument } from './files';

// The documents of one problem, for anyone whose remit holds it: the 督办单 of a problem that got a
// red warning, and the 对账销号单 of a closed one. Both are built from the live workflow state.

/** Days the department has to settle a supervised problem, counted from the notice date. */
export const SUPERVISION_DAYS = 7;
export const SUPERVISION_ISSUER = '领导小组办公室';

const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

/** What the notice says, as things stood when the first red warning went out. */
export function noticeInput(record: CampaignRecord, d: ProblemData, n: SupervisionNotice): SupervisionNoticeInput {
  const red = d.history.find((h) => h.action === 'warning-red');
  const deadline = red?.before.deadline ?? d.deadline ?? n.noticeDate;
  const issuedAt = new Date(n.at).getTime();
  const dueBy = addDays(n.noticeDate, SUPERVISION_DAYS);
  const r = d.remit;
  return {
    year: Number(n.noticeDate.slice(0, 4)),
    seq: n.noticeNo,
    organisation: record.campaign.organisation,
    problem: {
      no: d.no,
      title: d.title,
      description: d.description,
      department: r.department,
      leaderName: r.leader.name,
      ownerName: r.owner.name,
      kindLabel: KIND_LABEL[d.kind],
      deadline,
      daysOverdue: Math.max(0, daysBetween(deadline, n.noticeDate)),
      measures: d.measures.map((m) => ({ id: m.id, text: m.text, done: m.done && !!m.completedAt && Date.parse(m.completedAt) <= issuedAt })),
    },
    issuedOn: n.noticeDate,
    recipients: n.recipients.map((p) => p.name),
    dueBy,
    requirement:
      `请${r.department}在责任领导${r.leader.name}督促下，自督办之日起${SUPERVISION_DAYS}日内（${cnDate(dueBy)}前）完成整改，` +
      '逐项落实未完成的整改措施，并上传佐证材料；确有客观原因不能按期完成的，须在期限内书面说明原因、提出延期申请。',
    issuer: SUPERVISION_ISSUER,
  };
}

/** Every piece of evidence of the closed problem; names and sizes of stored files as they were uploaded. */
async function closureEvidence(desk: Desk, d: ProblemData): Promise<ClosureEvidence[]> {
  const uploads = new Map((await listEvidenceUploads(desk.db, d.campaignId, d.no)).map((u) => [u.sha256, u]));
  return d.measures.flatMap((m) =>
    m.evidence.map((e): ClosureEvidence => {
      if (e.kind === 'text') return { measureId: m.id, kind: 'text', name: '文字佐证', size: Buffer.byteLength(e.text, 'utf8'), sha256: e.sha256, text: e.text };
      const u = uploads.get(e.sha256);
      return { measureId: m.id, kind: 'file', name: u?.name ?? e.name, size: u?.size ?? e.size, sha256: e.sha256 };
    }),
  );
}

export function registerProblemDocumentRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const state = (id: string, no: number) => readProblemState(desk.temporal, problemWorkflowId(id, no));

  r.get(
    '/api/campaigns/:id/problems/:no/supervision-notice.docx',
    { schema: { tags: ['文档'], summary: '督办单（Word）：发出红牌预警的问题', params: ProblemParamsSchema, produces: [MIME.docx], response: errors } },
    async (req, reply) => {
      const { id, no } = req.params;
      await visibleProblem(desk, req, id, no);
      const notice = await supervisionNotice(desk.db, { campaignId: id, no, scope: scopeOf(req) });
      if (!notice) throw new UserError(`问题${no}没有发出过红牌预警，没有督办单`, 'NotFound');
      const [record, d] = await Promise.all([campaignOf(desk, id), state(id, no)]);
      const input = noticeInput(record, d, notice);
      const bytes = await supervisionNoticeDocx(input);
      await audit(desk, req, 'export-supervision-notice', { campaignId: id, problemNo: no }, { noticeNumber: noticeNumber(input) });
      return sendDocument(reply, bytes, MIME.docx, `督办单-问题${no}-${noticeNumber(input)}.docx`);
    },
  );

  r.get(
    '/api/campaigns/:id/problems/:no/closure-sheet.docx',
    { schema: { tags: ['文档'], summary: '对账销号单（Word）：已销号的问题', params: ProblemParamsSchema, produces: [MIME.docx], response: errors } },
    async (req, reply) => {
      const { id, no } = req.params;
      await visibleProblem(desk, req, id, no);
      const [record, d] = await Promise.all([campaignOf(desk, id), state(id, no)]);
      const extra = { organisation: record.campaign.organisation, campaignName: record.campaign.name, printedAt: new Date().toISOString() };
      // Checked before the evidence is read: a problem not closed yet has no sheet.
      closureSheetInput(d, { ...extra, evidence: [] });
      const bytes = await closureSheetDocx(closureSheetInput(d, { ...extra, evidence: await closureEvidence(desk, d) }));
      await audit(desk, req, 'export-closure-sheet', { campaignId: id, problemNo: no });
      return sendDocument(reply, bytes, MIME.docx, `对账销号单-问题${no}.docx`);
    },
  );
}
