import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignDetailSchema, CampaignListSchema } from '../../api/campaigns';
import { CampaignParamsSchema, ErrorBodySchema } from '../../api/common';
import { listCampaigns } from '../../db/queries/list-campaigns';
import { DeadlinePolicySchema } from '../../domain/policy';
import type { Desk } from '../context';
import { campaignOf } from '../remit';

export function registerCampaignRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/campaigns', { schema: { tags: ['巡察整改'], summary: '巡察整改列表（新的在前）', response: { 200: CampaignListSchema } } }, async () => ({
    items: await listCampaigns(desk.db),
  }));
  r.get(
    '/api/campaigns/:id',
    { schema: { tags: ['巡察整改'], summary: '巡察整改的基本信息、科室、人员和方面', params: CampaignParamsSchema, response: { 200: CampaignDetailSchema, 404: ErrorBodySchema } } },
    async (req) => {
      const { campaign: c, departments, people, aspects } = await campaignOf(desk, req.params.id);
      return {
        id: c.id,
        name: c.name,
        organisation: c.organisation,
        feedbackDate: c.feedbackDate,
        concentratedPeriodEnd: c.concentratedPeriodEnd,
        inspectionTeam: c.inspectionTeam,
        inspectionStart: c.inspectionStart,
        inspectionEnd: c.inspectionEnd,
        departments,
        aspects,
        people,
        extensionApprover: DeadlinePolicySchema.parse(c.policy).extensionApprover,
      };
    },
  );
}
