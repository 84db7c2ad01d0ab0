import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, CampaignParamsSchema } from '../../api/common';
import {
  ContactPutBodySchema, ContactViewSchema, PersonParamsSchema, RobotCreateBodySchema, RobotListSchema, RobotParamsSchema, RobotPatchBodySchema, RobotSchema,
} from '../../api/contacts';
import { UserError } from '../../domain/errors';
import { contactView, requireKnownPerson, saveContact } from '../../services/contacts';
import { createRobot, deleteRobot, listRobotViews, updateRobot } from '../../services/robots';
import { SecretBox } from '../../services/secrets';
import { audit } from '../audit';
import type { Desk } from '../context';
import { me } from '../session';
import { requireRole } from './admin-views';

// 通知设置 (everyone's own contacts and channels), the administrator's view of anyone's, and the
// 群机器人 of a campaign (administrator and office). Webhooks and secrets go in, never come out:
// not in a response, not in the audit trail (field names only), not in an error message.

const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 503: ErrorBodySchema };
const ROBOT_MANAGERS = ['admin', 'office'] as const;
const ROBOTS = '群机器人设置';

const boxes = new WeakMap<Desk, SecretBox>();
function boxOf(desk: Desk): SecretBox {
  const known = boxes.get(desk);
  if (known) return known;
  if (!desk.config.secretKey) throw new UserError('服务器未配置 RECTIFY_SECRET_KEY，暂时不能设置群机器人', 'Unavailable');
  const box = new SecretBox(desk.config.secretKey);
  boxes.set(desk, box);
  return box;
}

export function registerContactRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知'];

  /** The signed-in person; the administrator is no person of the ledger and receives no reminders. */
  const person = (req: Parameters<typeof me>[0]) => {
    const user = me(req);
    if (user.role === 'admin') throw new UserError('系统管理员不接收整改提醒，没有通知设置', 'Forbidden');
    return user;
  };

  r.get('/api/me/contact', { schema: { tags, summary: '我的联系方式和接收渠道', response: { 200: ContactViewSchema, ...errors } } }, async (req) =>
    contactView(desk.db, person(req).personId),
  );

  r.put(
    '/api/me/contact',
    { schema: { tags, summary: '修改我的联系方式和接收渠道（未给出的字段不变，null 清空；channels 为 null 即默认）', body: ContactPutBodySchema, response: { 200: ContactViewSchema, ...errors } } },
    async (req) => {
      const user = person(req);
      const { view, changed } = await saveContact(desk.db, user.personId, req.body, Date.now());
      if (changed.length) await audit(desk, req, 'contact-updated', {}, { personId: user.personId, fields: changed });
      return view;
    },
  );

  r.get(
    '/api/admin/contacts/:personId',
    { schema: { tags, summary: '某人的联系方式（系统管理员）', params: PersonParamsSchema, response: { 200: ContactViewSchema, ...errors } } },
    async (req) => {
      requireRole(req, ['admin'], '查看他人联系方式');
      await requireKnownPerson(desk.db, req.params.personId);
      return contactView(desk.db, req.params.personId);
    },
  );

  r.put(
    '/api/admin/contacts/:personId',
    { schema: { tags, summary: '修改某人的联系方式（系统管理员）', params: PersonParamsSchema, body: ContactPutBodySchema, response: { 200: ContactViewSchema, ...errors } } },
    async (req) => {
      requireRole(req, ['admin'], '修改他人联系方式');
      const { personId } = req.params;
      await requireKnownPerson(desk.db, personId);
      const { view, changed } = await saveContact(desk.db, personId, req.body, Date.now());
      if (changed.length) await audit(desk, req, 'contact-updated', {}, { personId, fields: changed });
      return view;
    },
  );

  r.get(
    '/api/campaigns/:id/robots',
    { schema: { tags, summary: '群机器人（系统管理员、办公室）：Webhook 只显示打码提示', params: CampaignParamsSchema, response: { 200: RobotListSchema, ...errors } } },
    async (req) => {
      requireRole(req, ROBOT_MANAGERS, ROBOTS);
      return listRobotViews(desk.db, boxOf(desk), req.params.id);
    },
  );

  r.post(
    '/api/campaigns/:id/robots',
    { schema: { tags, summary: '添加群机器人（每个群每个平台一个；department 为 null 即办公室群）', params: CampaignParamsSchema, body: RobotCreateBodySchema, response: { 200: RobotSchema, ...errors } } },
    async (req) => {
      requireRole(req, ROBOT_MANAGERS, ROBOTS);
      const robot = await createRobot(desk.db, boxOf(desk), req.params.id, req.body, Date.now());
      await audit(desk, req, 'robot-created', { campaignId: robot.campaignId }, {
        robotId: robot.id, department: robot.department, provider: robot.provider, name: robot.name, hasSecret: robot.hasSecret, enabled: robot.enabled,
      });
      return robot;
    },
  );

  r.patch(
    '/api/campaigns/:id/robots/:robotId',
    { schema: { tags, summary: '修改群机器人：名称、启用；给出 webhook 或 secret 即替换（secret 为 null 即去掉加签）', params: RobotParamsSchema, body: RobotPatchBodySchema, response: { 200: RobotSchema, ...errors } } },
    async (req) => {
      requireRole(req, ROBOT_MANAGERS, ROBOTS);
      const { view, changed } = await updateRobot(desk.db, boxOf(desk), req.params.id, req.params.robotId, req.body, Date.now());
      await audit(desk, req, 'robot-updated', { campaignId: view.campaignId }, {
        robotId: view.id, department: view.department, provider: view.provider, changes: changed, enabled: view.enabled,
      });
      return view;
    },
  );

  r.delete(
    '/api/campaigns/:id/robots/:robotId',
    { schema: { tags, summary: '删除群机器人', params: RobotParamsSchema, response: { 204: z.null().describe('已删除'), ...errors } } },
    async (req, reply) => {
      requireRole(req, ROBOT_MANAGERS, ROBOTS);
      const gone = await deleteRobot(desk.db, boxOf(desk), req.params.id, req.params.robotId);
      await audit(desk, req, 'robot-deleted', { campaignId: gone.campaignId }, { robotId: gone.id, department: gone.department, provider: gone.provider, name: gone.name });
      return reply.code(204).send(null);
    },
  );
}
