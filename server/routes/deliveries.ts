import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignParamsSchema, ErrorBodySchema } from '../../api/common';
import { DeliveryListSchema, DeliveryParamsSchema, DeliveryQuerySchema, ResendResultSchema } from '../../api/deliveries';
import { listDeliveries } from '../../db/queries/delivery-list';
import { ROLE_LABEL } from '../../domain/accounts';
import { maskedAnswer, targetLabel } from '../../domain/delivery';
import { UserError } from '../../domain/errors';
import { resendDelivery } from '../../services/deliveries';
import { audit } from '../audit';
import type { Desk } from '../context';
import { campaignOf } from '../remit';
import { me } from '../session';

// 发送情况 for the office: where each notification went, what the provider answered, and 重新发送.

function officeOnly(req: FastifyRequest): void {
  const user = me(req);
  if (user.role !== 'office') throw new UserError(`只有领导小组办公室可以查看和重发通知（您的角色：${ROLE_LABEL[user.role]}）`, 'Forbidden');
}

export function registerDeliveryRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/campaigns/:id/deliveries',
    {
      schema: {
        tags: ['发送情况'],
        summary: '通知发送情况（办公室）：渠道、打码的发往地址、状态、尝试次数、对方应答（新的在前）',
        params: CampaignParamsSchema,
        querystring: DeliveryQuerySchema,
        response: { 200: DeliveryListSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req) => {
      officeOnly(req);
      const { campaign } = await campaignOf(desk, req.params.id);
      const { items, total } = await listDeliveries(desk.db, { campaignId: campaign.id, status: req.query.status, problemNo: req.query.problem });
      return {
        total,
        items: items.map((d) => ({
          id: d.id,
          problemNo: d.problemNo,
          kind: d.kind,
          title: d.title,
          recipient: { id: d.recipientId, name: d.recipientName },
          channel: d.channel,
          target: targetLabel(d.channel, d.target, d.robotName),
          status: d.status,
          attempts: d.attempts,
          error: d.lastError,
          answer: maskedAnswer(d.answer ?? null),
          notBefore: new Date(d.notBefore).toISOString(),
          sentAt: d.sentAt ? new Date(d.sentAt).toISOString() : null,
        })),
      };
    },
  );

  r.post(
    '/api/deliveries/:id/resend',
    {
      schema: {
        tags: ['发送情况'],
        summary: '重新发送一条发送失败的通知（办公室；按收件人现在登记的地址）',
        params: DeliveryParamsSchema,
        response: { 200: ResendResultSchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (req) => {
      officeOnly(req);
      try {
        const d = await resendDelivery(desk.db, desk.temporal, desk.config.taskQueue, req.params.id);
        await audit(desk, req, 'delivery-resend', { campaignId: d.campaignId, problemNo: d.problemNo ?? undefined }, { deliveryId: d.id, channel: d.channel });
        return { id: d.id, status: 'pending' as const };
      } catch (e) {
        if (e instanceof UserError) await audit(desk, req, 'delivery-resend-refused', {}, { deliveryId: req.params.id, code: e.code, message: e.message });
        throw e;
      }
    },
  );
}
