import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CampaignParamsSchema, ErrorBodySchema } from '../../api/common';
import { ExportQuerySchema, ReportQuerySchema } from '../../api/desk';
import { ROLE_LABEL } from '../../domain/accounts';
import { UserError } from '../../domain/errors';
import { compose } from '../../report/compose';
import { toDocx } from '../../report/docx';
import { loadReportModel } from '../../report/model';
import { exportLedger } from '../../spreadsheet/export';
import { audit } from '../audit';
import type { Desk } from '../context';
import { campaignOf, scopeOf, today } from '../remit';
import { me } from '../session';
import { ledgerFilter } from '../views';
import { MIME, sendDocument } from './files';
import { registerProblemDocumentRoutes } from './problem-documents';

// Documents the desk hands out: the ledger spreadsheet of what the user's list shows, and the
// progress report (通报). The per-problem ones (督办单, 对账销号单) are in problem-documents.ts.

const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export function registerDocumentRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/campaigns/:id/export.xlsx',
    {
      schema: {
        tags: ['文档'],
        summary: '导出台账（Excel）：职责范围内、按台账列表相同的筛选和排序',
        params: CampaignParamsSchema,
        querystring: ExportQuerySchema,
        produces: [MIME.xlsx],
        response: errors,
      },
    },
    async (req, reply) => {
      const scope = scopeOf(req);
      const { campaign } = await campaignOf(desk, req.params.id);
      const q = req.query;
      const dir = await mkdtemp(path.join(tmpdir(), 'rectify-export-'));
      try {
        const file = path.join(dir, 'ledger.xlsx');
        const result = await exportLedger(desk.db, campaign.id, file, {
          filter: { scope, ...ledgerFilter(q) },
          // People's email and mobile are for those who chase and approve, not for every department.
          contacts: me(req).role === 'office' || me(req).role === 'head',
        });
        const bytes = await readFile(file);
        await audit(desk, req, 'export-ledger', { campaignId: campaign.id }, { query: q, problems: result.problems });
        return sendDocument(reply, bytes, MIME.xlsx, `${campaign.id}-整改台账-${today()}.xlsx`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  r.get(
    '/api/campaigns/:id/report.docx',
    {
      schema: {
        tags: ['文档'],
        summary: '生成整改进展情况通报（Word，办公室、组长）；数字全部取自台账',
        params: CampaignParamsSchema,
        querystring: ReportQuerySchema,
        produces: [MIME.docx],
        response: errors,
      },
    },
    async (req, reply) => {
      const user = me(req);
      if (user.role !== 'office' && user.role !== 'head') throw new UserError(`通报只能由领导小组办公室或组长生成（您的角色：${ROLE_LABEL[user.role]}）`, 'Forbidden');
      const { campaign } = await campaignOf(desk, req.params.id);
      const asOf = req.query.asOf ?? today();
      const doc = compose(await loadReportModel(desk.db, campaign.id, asOf));
      const bytes = await toDocx(doc);
      await audit(desk, req, 'export-report', { campaignId: campaign.id }, { asOf });
      return sendDocument(reply, bytes, MIME.docx, `${campaign.id}-整改进展情况通报-${asOf}.docx`);
    },
  );

  registerProblemDocumentRoutes(app, desk);
}
