import { z } from 'zod';

// How a person is reached outside the desk. The channels are the ones Chinese offices use: email,
// and the group robots of WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书), which post into the
// department's (or the office's) group chat and @mention the person by their chat id.

export const CHANNELS = ['email', 'wecom', 'dingtalk', 'feishu'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ROBOT_PROVIDERS = ['wecom', 'dingtalk', 'feishu'] as const;
export type RobotProvider = (typeof ROBOT_PROVIDERS)[number];

export const CHANNEL_LABEL: Record<Channel, string> = { email: '电子邮件', wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/** The chat id a robot @mentions the person by, per provider. */
export const CHAT_ID_LABEL: Record<RobotProvider, string> = { wecom: '企业微信 userid', dingtalk: '钉钉 userId', feishu: '飞书 open_id' };

const chatId = (label: string) => z.string().trim().min(1, `${label}不能为空`).max(128, `${label}过长`).regex(/^[\w.@:-]+$/, `${label}只能包含字母、数字和 . _ - @ :`);

export const ContactSchema = z.object({
  email: z.string().trim().max(254, '邮箱地址过长').email('邮箱地址格式不正确').nullable().optional(),
  mobile: z.string().trim().regex(/^\+?\d[\d-]{6,19}$/, '手机号格式不正确').nullable().optional(),
  wecomUserId: chatId(CHAT_ID_LABEL.wecom).nullable().optional(),
  dingtalkUserId: chatId(CHAT_ID_LABEL.dingtalk).nullable().optional(),
  feishuOpenId: chatId(CHAT_ID_LABEL.feishu).nullable().optional(),
  /** null: the defaults (every channel the person can be reached on). */
  channels: z.array(z.enum(CHANNELS, { errorMap: () => ({ message: `渠道应为 ${CHANNELS.join('、')} 之一` }) })).max(4).nullable().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;
