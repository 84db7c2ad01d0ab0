import { z } from 'zod';
import { CHANNEL_LABEL, CHANNELS, type Channel, ContactSchema, ROBOT_PROVIDERS, type RobotProvider } from './contacts';

// What people type on the 通知设置 page, in the account form and in the 群机器人 form: checked by
// the page, by the HTTP contract (api/contacts.ts) and by the services, with the same schemas.
// A robot's webhook URL (it holds the robot's key) and its signing secret are write-only fields.

/** A form's empty box means "none": '' and blanks become null. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
/** The type checked first (so a number is told in Chinese), then the domain's rule. */
const text = (label: string) => z.string({ invalid_type_error: `${label}应为文本` }).nullable().optional();
const field = <T extends z.ZodTypeAny>(schema: T, label: string) => z.preprocess(blankToNull, text(label).pipe(schema));

/**
 * A person's contacts as the desk writes them. Fields left out are kept, null (or '') clears one.
 * The rules are the domain's (ContactSchema); a mobile number may be typed with spaces.
 */
export const ContactInputSchema = z
  .object({
    email: field(ContactSchema.shape.email, '邮箱'),
    mobile: z.preprocess((v) => (typeof v === 'string' ? blankToNull(v.replace(/[\s\u3000]+/g, '')) : v), text('手机号').pipe(ContactSchema.shape.mobile)),
    wecomUserId: field(ContactSchema.shape.wecomUserId, '企业微信 userid'),
    dingtalkUserId: field(ContactSchema.shape.dingtalkUserId, '钉钉 userId'),
    feishuOpenId: field(ContactSchema.shape.feishuOpenId, '飞书 open_id'),
    /** null: the defaults (see defaultChannels); [] receives nothing outside the desk. */
    channels: z
      .array(z.string(), { invalid_type_error: '接收渠道应为列表' })
      .nullable()
      .optional()
      .pipe(ContactSchema.shape.channels)
      .transform((c) => (c ? [...new Set(c)] : c)),
  })
  .strict('包含未知字段');
export type ContactInput = z.input<typeof ContactInputSchema>;
export type ContactPatch = z.output<typeof ContactInputSchema>;

export const CONTACT_FIELDS = ['email', 'mobile', 'wecomUserId', 'dingtalkUserId', 'feishuOpenId', 'channels'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export const CONTACT_FIELD_LABEL: Record<ContactField, string> = {
  email: '邮箱', mobile: '手机', wecomUserId: '企业微信 userid', dingtalkUserId: '钉钉 userId', feishuOpenId: '飞书 open_id', channels: '接收渠道',
};

/**
 * The defaults when a person chose nothing: email when an address is known, plus every provider
 * whose robot is enabled in the person's group (which @mentions them when their chat id is known).
 */
export function defaultChannels(email: string | null | undefined, groupRobots: readonly RobotProvider[]): Channel[] {
  return CHANNELS.filter((c) => (c === 'email' ? !!email : groupRobots.includes(c)));
}

export const channelList = (channels: readonly Channel[]): string => (channels.length ? channels.map((c) => CHANNEL_LABEL[c]).join('、') : '无');

// ---- group robots ------------------------------------------------------------------------------

export const ROBOT_PROVIDER_LABEL: Record<RobotProvider, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/** What the form shows under the webhook and secret boxes, per provider. */
export const WEBHOOK_EXAMPLE: Record<RobotProvider, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};
export const SECRET_HINT: Record<RobotProvider, string> = {
  wecom: '企业微信群机器人没有加签密钥，留空即可',
  dingtalk: '机器人「安全设置」选了「加签」时填写（以 SEC 开头的一串字符）；用关键词或 IP 白名单时留空',
  feishu: '机器人「安全设置」开启「签名校验」时填写；未开启时留空',
};

const providerSchema = z.enum(ROBOT_PROVIDERS, { errorMap: () => ({ message: `平台应为 ${ROBOT_PROVIDERS.map((p) => `${p}（${ROBOT_PROVIDER_LABEL[p]}）`).join('、')}` }) });
const nameSchema = z.string({ required_error: '名称必填', invalid_type_error: '名称应为文本' }).trim().min(1, '名称不能为空').max(60, '名称最多 60 个字');
const webhookSchema = z.string({ required_error: 'Webhook 地址必填', invalid_type_error: 'Webhook 地址应为文本' }).trim().min(1, 'Webhook 地址不能为空').max(2000, 'Webhook 地址过长');
const secretSchema = z.preprocess(
  blankToNull,
  z.string({ invalid_type_error: '加签密钥应为文本' }).trim().max(512, '加签密钥过长').regex(/^\S+$/, '加签密钥不能包含空格').nullable(),
);
const enabledSchema = z.boolean({ invalid_type_error: '启用标志应为 true 或 false' });

export const RobotCreateBodySchema = z
  .object({
    department: z.preprocess(blankToNull, z.string({ invalid_type_error: '科室应为文本' }).trim().min(1).max(100).nullable()).describe('科室；null 为办公室群'),
    provider: providerSchema,
    name: nameSchema,
    webhook: webhookSchema.describe('只写：保存后不再返回'),
    secret: secretSchema.optional().describe('加签密钥，只写：保存后不再返回'),
    enabled: enabledSchema.default(true),
  })
  .strict('包含未知字段');
export type RobotCreateInput = z.input<typeof RobotCreateBodySchema>;

/** Absent fields are kept; webhook and secret are replaced when given (secret null removes it). */
export const RobotPatchBodySchema = z
  .object({
    name: nameSchema.optional(),
    webhook: webhookSchema.optional(),
    secret: secretSchema.optional(),
    enabled: enabledSchema.optional(),
  })
  .strict('包含未知字段（科室和平台不能修改：请删除后重新添加）');
export type RobotPatchInput = z.input<typeof RobotPatchBodySchema>;

