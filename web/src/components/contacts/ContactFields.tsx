import { Form, Input } from 'antd';
import { CHAT_ID_LABEL } from '../../../../domain/contacts';

/** Where people find their chat ids: the robot @mentions them by it. */
const CHAT_ID_HINT = {
  wecomUserId: '企业微信管理后台「通讯录」中成员的「账号」；群机器人发提醒时用它 @ 您',
  dingtalkUserId: '钉钉管理后台「通讯录」中成员的 userId；群机器人发提醒时用它 @ 您',
  feishuOpenId: '飞书开放平台中您的 open_id（ou_ 开头）；群机器人发提醒时用它 @ 您',
} as const;

export const CONTACT_INPUTS = ['email', 'mobile', 'wecomUserId', 'dingtalkUserId', 'feishuOpenId'] as const;
export type ContactInputs = Partial<Record<(typeof CONTACT_INPUTS)[number], string | null>>;

/**
 * The five contact boxes: email, mobile and the three chat ids. `prefix` nests them under a form
 * field (the account form keeps them under `contact`); `hints` shows where to find each.
 */
export function ContactFields({ prefix, hints = true }: { prefix?: string; hints?: boolean }) {
  const name = (f: (typeof CONTACT_INPUTS)[number]) => (prefix ? [prefix, f] : f);
  return (
    <>
      <Form.Item name={name('email')} label="邮箱" extra={hints ? '提醒邮件发到这里' : undefined}>
        <Input type="email" inputMode="email" autoComplete="email" placeholder="name@hospital.cn" />
      </Form.Item>
      <Form.Item name={name('mobile')} label="手机">
        <Input inputMode="tel" autoComplete="tel" placeholder="13800138000" />
      </Form.Item>
      <Form.Item name={name('wecomUserId')} label={CHAT_ID_LABEL.wecom} extra={hints ? CHAT_ID_HINT.wecomUserId : undefined}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('dingtalkUserId')} label={CHAT_ID_LABEL.dingtalk} extra={hints ? CHAT_ID_HINT.dingtalkUserId : undefined}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('feishuOpenId')} label={CHAT_ID_LABEL.feishu} extra={hints ? CHAT_ID_HINT.feishuOpenId : undefined}>
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}
