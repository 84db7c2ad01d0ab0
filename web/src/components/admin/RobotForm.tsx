import { Alert, Button, Flex, Form, Input, Modal, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROBOT_PROVIDER_LABEL, SECRET_HINT, WEBHOOK_EXAMPLE } from '../../../../domain/contact-forms';
import { ROBOT_PROVIDERS, type RobotProvider } from '../../../../domain/contacts';
import { ApiError } from '../../api/client';
import { createRobot, patchRobot, type Robot } from '../../api/contacts';

interface Values {
  department: string;
  provider: RobotProvider;
  name: string;
  webhook?: string;
  secret?: string;
  enabled: boolean;
}

interface Props {
  campaignId: string;
  departments: string[];
  /** The robot to change; null adds one. */
  robot: Robot | null;
  onClose(): void;
  onSaved(): void;
}

/** The office's group is "no department"; a Select needs a value for it. */
const OFFICE = '__office__';
const FIELDS = ['department', 'provider', 'name', 'webhook', 'secret', 'enabled'] as const;

/**
 * 添加 / 修改群机器人. The webhook and the secret are write-only: a saved robot shows their masked
 * hint, and 修改 opens an empty box whose value replaces the stored one.
 */
export function RobotForm({ campaignId, departments, robot, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const creating = robot === null;
  const [replaceWebhook, setReplaceWebhook] = useState(creating);
  const [secretMode, setSecretMode] = useState<'keep' | 'replace' | 'clear'>(creating ? 'replace' : 'keep');
  const provider = Form.useWatch('provider', form) ?? robot?.provider ?? 'dingtalk';

  const save = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    setError(null);
    try {
      if (creating) {
        await createRobot(campaignId, {
          department: v.department === OFFICE ? null : v.department, provider: v.provider, name: v.name ?? '', webhook: v.webhook ?? '', secret: v.secret || null, enabled: v.enabled,
        });
      } else {
        await patchRobot(campaignId, robot.id, {
          name: v.name ?? '',
          enabled: v.enabled,
          ...(replaceWebhook ? { webhook: v.webhook ?? '' } : {}),
          ...(secretMode === 'replace' ? { secret: v.secret || null } : secretMode === 'clear' ? { secret: null } : {}),
        });
      }
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) return setError('保存失败，请重试');
      const mine = e.fields.filter((f) => (FIELDS as readonly string[]).includes(f.path));
      form.setFields(mine.map((f) => ({ name: f.path as (typeof FIELDS)[number], errors: [f.message] })));
      setError(mine.length && mine.length === e.fields.length ? null : e.message);
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<Values> = robot
    ? { department: robot.department ?? OFFICE, provider: robot.provider, name: robot.name, enabled: robot.enabled }
    : { department: departments[0] ?? OFFICE, provider: 'dingtalk', enabled: true };
  const groupOptions = [{ value: OFFICE, label: '办公室（领导小组办公室群）' }, ...departments.map((d) => ({ value: d, label: d }))];
  return (
    <Modal open title={creating ? '添加群机器人' : `修改群机器人：${robot.name}`} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} disabled={busy}>
        <Form.Item name="department" label="群" required extra="科室人员的提醒发到本科室群；院领导、办公室、组长的发到办公室群">
          <Select options={groupOptions} disabled={!creating} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="provider" label="平台" required>
          <Select options={ROBOT_PROVIDERS.map((p) => ({ value: p, label: ROBOT_PROVIDER_LABEL[p] }))} disabled={!creating} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="name" label="名称" required>
          <Input placeholder="例如：财务科整改工作群" maxLength={60} />
        </Form.Item>
        {replaceWebhook ? (
          <Form.Item name="webhook" label="Webhook 地址" required extra={`群设置 → 群机器人中复制，形如 ${WEBHOOK_EXAMPLE[provider]}；保存后只显示打码的地址`}>
            <Input.Password autoComplete="off" placeholder={WEBHOOK_EXAMPLE[provider]} />
          </Form.Item>
        ) : (
          <Form.Item label="Webhook 地址" extra="出于安全考虑不显示完整地址；修改即填写新的地址替换">
            <Flex gap={8} align="center" wrap>
              <Typography.Text code data-testid="webhook-hint">{robot?.webhookHint}</Typography.Text>
              <Button size="small" onClick={() => setReplaceWebhook(true)}>修改</Button>
            </Flex>
          </Form.Item>
        )}
        {secretMode === 'replace' ? (
          <Form.Item name="secret" label="加签密钥" extra={`选填。${SECRET_HINT[provider]}。保存后不再显示`}>
            <Input.Password autoComplete="off" disabled={provider === 'wecom'} />
          </Form.Item>
        ) : (
          <Form.Item label="加签密钥" extra={SECRET_HINT[provider]}>
            <Flex gap={8} align="center" wrap>
              {secretMode === 'clear' ? <Tag color="warning">保存后去掉加签</Tag> : robot?.hasSecret ? <Tag color="success">已设置</Tag> : <Tag>未设置</Tag>}
              <Button size="small" onClick={() => setSecretMode('replace')}>修改</Button>
              {robot?.hasSecret && secretMode === 'keep' && <Button size="small" onClick={() => setSecretMode('clear')}>清除</Button>}
            </Flex>
          </Form.Item>
        )}
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
