import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignParamsSchema, ErrorBodySchema } from '../../api/common';
import {
  MarkReadBodySchema, MarkReadResultSchema, MyTasksSchema, NotificationsQuerySchema, NotificationsSchema, OverviewSchema, SupervisionListSchema,
} from '../../api/desk';
import { markNotificationsRead, myNotifications } from '../../db/queries/my-notifications';
import { myTasks } from '../../db/queries/my-tasks';
import { campaignOverview } from '../../db/queries/overview';
import { supervisionList } from '../../db/queries/supervision';
import { ROLE_LABEL } from '../../domain/accounts';
import { UserError } from '../../domain/errors';
import { DeadlinePolicySchema } from '../../domain/policy';
import { noticeNumber } from '../../report/supervision-notice';
import { audit } from '../audit';
import type { Desk } from '../context';
import { campaignOf, scopeOf, today } from '../remit';
import { me } from '../session';
import { registerReminderRoutes } from './reminders';

// 我的任务, 总览, 督办中心 and the header bell: the desk's read models, each narrowed to the
// signed-in user's remit before anything is read.

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export function registerDeskRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/campaigns/:id/tasks',
    { schema: { tags: ['工作台'], summary: '我的任务：待认领、待制定措施、临近时限的措施、被退回的、等我审批的', params: CampaignParamsSchema, response: { 200: MyTasksSchema, ...errors } } },
    async (req) => {
      const user = me(req);
      const scope = scopeOf(req);
      const { campaign } = await campaignOf(desk, req.params.id);
      const t = await myTasks(desk.db, {
        campaignId: campaign.id,
        today: today(),
        scope,
        personId: user.personId,
        role: user.role,
        extensionApprover: DeadlinePolicySchema.parse(campaign.policy).extensionApprover,
      });
      const problem = <T extends { lastActionAt: Date | null }>(p: T) => ({ ...p, lastActionAt: iso(p.lastActionAt) });
      return {
        toClaim: { ...t.toClaim, items: t.toClaim.items.map(problem) },
        toPlan: { ...t.toPlan, items: t.toPlan.items.map(problem) },
        measuresDue: t.measuresDue,
        returned: { ...t.returned, items: t.returned.items.map((x) => ({ ...x, at: new Date(x.at).toISOString() })) },
        waitingForMe: { ...t.waitingForMe, items: t.waitingForMe.items.map((x) => ({ ...x, since: iso(x.since) })) },
      };
    },
  );

  r.get(
    '/api/campaigns/:id/overview',
    { schema: { tags: ['工作台'], summary: '总览（办公室、组长）：状态、科室、逾期热力图、两周内到期、集中整改期进度', params: CampaignParamsSchema, response: { 200: OverviewSchema, ...errors } } },
    async (req) => {
      const user = me(req);
      if (user.role !== 'office' && user.role !== 'head') throw new UserError(`总览只对领导小组办公室和组长开放（您的角色：${ROLE_LABEL[user.role]}）`, 'Forbidden');
      const { campaign } = await campaignOf(desk, req.params.id);
      const overview = await campaignOverview(desk.db, { campaignId: campaign.id, today: today(), scope: scopeOf(req) });
      if (!overview) throw new UserError(`找不到巡察整改「${campaign.id}」`, 'NotFound');
      return overview;
    },
  );

  r.get(
    '/api/campaigns/:id/supervision',
    { schema: { tags: ['工作台'], summary: '督办中心：职责范围内的黄牌、红牌问题，何时告知了谁，督办单编号', params: CampaignParamsSchema, response: { 200: SupervisionListSchema, ...errors } } },
    async (req) => {
      const scope = scopeOf(req);
      await campaignOf(desk, req.params.id);
      const list = await supervisionList(desk.db, { campaignId: req.params.id, today: today(), scope });
      return {
        total: list.total,
        items: list.items.map((x) => ({
          ...x,
          noticeNumber: x.noticeNo !== null && x.noticeDate ? noticeNumber({ year: Number(x.noticeDate.slice(0, 4)), seq: x.noticeNo }) : null,
          told: x.told.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
        })),
      };
    },
  );

  r.get(
    '/api/notifications',
    { schema: { tags: ['工作台'], summary: '我的通知（新的在前）与未读数', querystring: NotificationsQuerySchema, response: { 200: NotificationsSchema, 400: ErrorBodySchema } } },
    async (req) => {
      const { items, unreadCount } = await myNotifications(desk.db, { recipientId: me(req).personId, ...req.query });
      return { unreadCount, items: items.map((n) => ({ ...n, createdAt: new Date(n.createdAt).toISOString(), readAt: iso(n.readAt) })) };
    },
  );

  r.post(
    '/api/notifications/read',
    { schema: { tags: ['工作台'], summary: '把自己的通知标为已读', body: MarkReadBodySchema, response: { 200: MarkReadResultSchema, 400: ErrorBodySchema } } },
    async (req) => {
      const { ids, campaignId } = req.body;
      const marked = await markNotificationsRead(desk.db, { recipientId: me(req).personId, ids, campaignId });
      if (marked > 0) await audit(desk, req, 'notifications-read', { campaignId }, { marked, ids: ids === 'all' ? 'all' : ids.length });
      return { marked };
    },
  );

  registerReminderRoutes(app, desk);
}
