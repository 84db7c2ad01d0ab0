import { z } from 'zod';
import { CHANNELS } from '../domain/contacts';
import { DELIVERY_STATUSES } from '../domain/delivery';

// Where each notification went and whether it arrived (发送情况), and the office's 重新发送.
// Targets are masked (z***@hospital.cn, or a robot's name); webhooks and secrets never leave the server.

export const DeliveryQuerySchema = z
  .object({
    status: z.enum(DELIVERY_STATUSES, { errorMap: () => ({ message: `状态应为 ${DELIVERY_STATUSES.join('、')} 之一` }) }).optional(),
    problem: z.coerce.number({ invalid_type_error: '问题序号应为正整数' }).int('问题序号应为正整数').positive('问题序号应为正整数').max(1_000_000).optional(),
  })
  .strict('包含未知的查询参数');

export const DeliveryItemSchema = z.object({
  id: z.number(),
  problemNo: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  recipient: z.object({ id: z.string(), name: z.string() }),
  channel: z.enum(CHANNELS),
  target: z.string().describe('发往：打码的邮箱地址或机器人名称'),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  error: z.string().nullable().describe('失败或重试的原因'),
  answer: z.unknown().describe('对方的原始应答（邮件服务器回复或机器人返回的 JSON）'),
  notBefore: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryItem = z.infer<typeof DeliveryItemSchema>;

export const DeliveryListSchema = z.object({ items: z.array(DeliveryItemSchema), total: z.number() });

export const DeliveryParamsSchema = z.object({
  id: z.coerce.number({ invalid_type_error: '发送记录编号应为正整数' }).int('发送记录编号应为正整数').positive('发送记录编号应为正整数').max(Number.MAX_SAFE_INTEGER),
});

export const ResendResultSchema = z.object({ id: z.number(), status: z.literal('pending') });

/** One mark in a problem's timeline: ✓ 邮件 10:02 · ✗ 钉钉 签名错误. */
export const DeliveryMarkSchema = z.object({
  channel: z.enum(CHANNELS),
  status: z.enum(DELIVERY_STATUSES),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
  recipient: z.string(),
});
export type DeliveryMark = z.infer<typeof DeliveryMarkSchema>;
