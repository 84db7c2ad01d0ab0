import { z } from 'zod';
import { CHANNELS, ROBOT_PROVIDERS } from '../domain/contacts';
import { ContactInputSchema, RobotCreateBodySchema, RobotPatchBodySchema } from '../domain/contact-forms';
import { idString } from '../domain/schemas';

// 通知设置 and 群机器人: how people are reached outside the desk. A robot's webhook URL (it holds the
// robot's key) and its signing secret are write-only: requests carry them, no response ever does —
// responses show a masked hint ("https://oapi.dingtalk.com/…n4Xk") and whether a secret is set.

/** PUT bodies: fields left out are kept, null (or '') clears one. */
export const ContactPutBodySchema = ContactInputSchema;
export { RobotCreateBodySchema, RobotPatchBodySchema };

export const ContactBodySchema = z.object({
  personId: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  wecomUserId: z.string().nullable(),
  dingtalkUserId: z.string().nullable(),
  feishuOpenId: z.string().nullable(),
  channels: z.array(z.enum(CHANNELS)).nullable().describe('本人选择的渠道；null 为默认'),
  updatedAt: z.string().nullable().describe('从未填写时为 null'),
});
export type ContactBody = z.infer<typeof ContactBodySchema>;

/** GET/PUT /api/me/contact and /api/admin/contacts/{personId}: the contacts and what the defaults give. */
export const ContactViewSchema = ContactBodySchema.extend({
  name: z.string().nullable().describe('台账中的姓名'),
  groupRobots: z.array(z.enum(ROBOT_PROVIDERS)).describe('本人所在科室（或办公室）群已启用的群机器人'),
  defaults: z.array(z.enum(CHANNELS)).describe('未选择渠道时实际使用的渠道'),
});
export type ContactView = z.infer<typeof ContactViewSchema>;

export const PersonParamsSchema = z.object({ personId: idString });

export const RobotSchema = z.object({
  id: z.number(),
  campaignId: z.string(),
  department: z.string().nullable().describe('null 为办公室群'),
  provider: z.enum(ROBOT_PROVIDERS),
  name: z.string(),
  webhookHint: z.string().describe('打码的 Webhook 地址，例如 https://oapi.dingtalk.com/…n4Xk'),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RobotBody = z.infer<typeof RobotSchema>;

export const RobotListSchema = z.object({
  items: z.array(RobotSchema),
  departments: z.array(z.string()).describe('本巡察整改的科室（可配置群机器人的群，另有办公室群）'),
});

export const RobotParamsSchema = z.object({
  id: idString,
  robotId: z.coerce.number({ invalid_type_error: '机器人编号应为正整数' }).int('机器人编号应为正整数').positive('机器人编号应为正整数').max(2 ** 31, '机器人编号过大'),
});
