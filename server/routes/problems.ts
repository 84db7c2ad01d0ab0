import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignParamsSchema, ErrorBodySchema, ProblemParamsSchema } from '../../api/common';
import { LedgerPageSchema, LedgerQuerySchema } from '../../api/ledger';
import { ProblemDetailSchema, type EvidenceItem } from '../../api/problems';
import { listEvidenceUploads } from '../../db/queries/list-evidence-uploads';
import { queryLedger } from '../../db/queries/ledger';
import { problemNotifications } from '../../db/queries/problem-notifications';
import { deliveryMarksOfProblem, toldKey } from '../../db/queries/delivery-list';
import { problemWorkflowId } from '../../domain/ids';
import { upcomingEscalation } from '../../domain/escalation';
import { availableActions } from '../../domain/permissions';
import type { ProblemData } from '../../domain/problem-types';
import { readProblemState } from '../../services/problem-state';
import type { Desk } from '../context';
import { campaignOf, scopeOf, today, visibleProblem } from '../remit';
import { me } from '../session';
import { ledgerFilter, ledgerItem } from '../views';

const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf)$/;

/** Every piece of evidence of the problem, in measure order, with whether its bytes are kept. */
function evidenceOf(state: ProblemData, stored: ReadonlySet<string>): EvidenceItem[] {
  return state.measures.flatMap((m) =>
    m.evidence.map((e, i) => ({
      measureId: m.id,
      seq: i + 1,
      kind: e.kind,
      name: e.kind === 'file' ? e.name : null,
      size: e.kind === 'file' ? e.size : null,
      sha256: e.sha256,
      mime: e.kind === 'file' ? (e.mime ?? null) : null,
      text: e.kind === 'text' ? e.text : null,
      stored: e.kind === 'file' && stored.has(e.sha256),
      inline: e.kind === 'file' && stored.has(e.sha256) && INLINE.test(e.mime ?? ''),
    })),
  );
}

export function registerProblemRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/campaigns/:id/problems',
    {
      schema: {
        tags: ['台账'],
        summary: '台账：按职责范围筛选、排序、分页（读数据库投影）',
        params: CampaignParamsSchema,
        querystring: LedgerQuerySchema,
        response: { 200: LedgerPageSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      await campaignOf(desk, req.params.id);
      const q = req.query;
      const { rows, total } = await queryLedger(desk.db, {
        campaignId: req.params.id,
        today: today(),
        scope,
        ...ledgerFilter(q),
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map(ledgerItem), total, page: q.page, pageSize: q.pageSize };
    },
  );

  r.get(
    '/api/campaigns/:id/problems/:no',
    {
      schema: {
        tags: ['台账'],
        summary: '问题档案：实时状态、历史、即将触发的提醒和预警、可执行的操作',
        params: ProblemParamsSchema,
        response: { 200: ProblemDetailSchema, 404: ErrorBodySchema },
      },
    },
    async (req) => {
      const { id, no } = req.params;
      const row = await visibleProblem(desk, req, id, no);
      const [state, uploads, told, marks] = await Promise.all([
        readProblemState(desk.temporal, problemWorkflowId(id, no)),
        listEvidenceUploads(desk.db, id, no),
        problemNotifications(desk.db, { campaignId: id, no }),
        deliveryMarksOfProblem(desk.db, id, no),
      ]);
      const now = Date.now();
      const { sent: _sent, ...visible } = state;
      return {
        row: ledgerItem(row),
        state: visible,
        upcoming: upcomingEscalation(state, now),
        actions: availableActions(me(req), state),
        evidence: evidenceOf(state, new Set(uploads.map((u) => u.sha256))),
        told: told.map((t) => ({
          ...t,
          at: new Date(t.at).toISOString(),
          deliveries: (marks.get(toldKey(t)) ?? []).map((m) => ({ ...m, sentAt: m.sentAt ? new Date(m.sentAt).toISOString() : null })),
        })),
      };
    },
  );
}
