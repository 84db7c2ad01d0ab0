import { Alert, App, Button, Card, Checkbox, Flex, Form, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CHANNEL_LABEL, CHANNELS, type Channel, type RobotProvider } from '../../../domain/contacts';
import { channelList, ContactInputSchema, defaultChannels } from '../../../domain/contact-forms';
import { ApiError } from '../api/client';
import { getMyContact, putMyContact, type ContactView } from '../api/contacts';
import { useLoad } from '../api/useLoad';
import { useMe } from '../auth/AuthContext';
import { ContactFields, CONTACT_INPUTS, type ContactInputs } from '../components/contacts/ContactFields';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';

export const DEFAULTS_EXPLAINED = '未选择时：有邮箱则发邮件；所在科室（或办公室）的群机器人都会 @ 您';

/** Shows each issue under its field; the rest (if any) as one line for the alert. */
function showIssues(form: ReturnType<typeof Form.useForm<ContactInputs>>[0], issues: readonly { path: readonly (string | number)[]; message: string }[]): string | null {
  const mine = issues.filter((i) => (CONTACT_INPUTS as readonly unknown[]).includes(i.path[0]));
  form.setFields(mine.map((i) => ({ name: i.path[0] as (typeof CONTACT_INPUTS)[number], errors: [i.message] })));
  const rest = issues.filter((i) => !mine.includes(i));
  return rest.length ? rest.map((i) => i.message).join('；') : null;
}

/** 通知设置: my email, mobile and chat ids, and the channels reminders reach me on. Fits a phone. */
export function NotificationSettingsPage() {
  const me = useMe();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(me.role === 'admin' ? null : `me-contact:${version}`, (signal) => getMyContact(signal));
  if (me.role === 'admin') return <Result status="info" title="系统管理员不接收整改提醒" subTitle="通知设置供参与整改的人员填写；各人的联系方式可在「管理 → 账号」中修改。" />;
  if (loaded.error) return <ErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  // Keyed by what was loaded: the form starts again from the saved values once they come back.
  return <SettingsForm key={loaded.data.updatedAt ?? 'never'} view={loaded.data} onSaved={() => setVersion((n) => n + 1)} />;
}

function SettingsForm({ view, onSaved }: { view: ContactView; onSaved(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactInputs>();
  const [channels, setChannels] = useState<Channel[] | null>(view.channels);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const email = Form.useWatch('email', form);
  // What the defaults give with the address as typed now, not as saved.
  const defaults = defaultChannels(email?.trim() ? email : null, view.groupRobots);
  const shown = channels ?? defaults;
  useEffect(() => setError(null), [channels]);

  const save = async () => {
    const v = form.getFieldsValue();
    const body = { ...Object.fromEntries(CONTACT_INPUTS.map((f) => [f, v[f] ?? null])), channels };
    const checked = ContactInputSchema.safeParse(body);
    if (!checked.success) return setError(showIssues(form, checked.error.issues));
    setBusy(true);
    setError(null);
    try {
      await putMyContact(body);
      void message.success('通知设置已保存');
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? showIssues(form, e.fields.map((f) => ({ path: f.path.split('.'), message: f.message }))) ?? (e.fields.length ? null : e.message) : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const note = (c: Channel) => {
    if (c === 'email') return email?.trim() ? null : <Tag>需先填写邮箱</Tag>;
    return view.groupRobots.includes(c as RobotProvider) ? <Tag color="success">所在群已有机器人</Tag> : <Tag>所在群暂无机器人</Tag>;
  };
  return (
    <>
      <PageTitle title="通知设置" />
      <Flex vertical gap={16} style={{ maxWidth: 640 }}>
        {error && <Alert type="error" showIcon title={error} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={Object.fromEntries(CONTACT_INPUTS.map((f) => [f, view[f] ?? '']))}
          onFinish={() => void save()}
          disabled={busy}
          // An error goes once its box is typed in again (the boxes have no rules to re-check them).
          onValuesChange={(changed: Partial<ContactInputs>) => form.setFields(Object.keys(changed).map((f) => ({ name: f as (typeof CONTACT_INPUTS)[number], errors: [] })))}
        >
          <Card title="联系方式" size="small" style={{ marginBottom: 16 }}>
            <ContactFields />
          </Card>
          <Card title="接收渠道" size="small" style={{ marginBottom: 16 }} data-testid="channels">
            <Alert type="info" showIcon title={DEFAULTS_EXPLAINED} style={{ marginBottom: 12 }} />
            <Checkbox.Group value={shown} onChange={(v) => setChannels(CHANNELS.filter((c) => v.includes(c)))} style={{ width: '100%' }}>
              <Flex vertical gap={8}>
                {CHANNELS.map((c) => (
                  <Checkbox key={c} value={c}>
                    <Space size={6} wrap>
                      {c === 'email' ? CHANNEL_LABEL[c] : `${CHANNEL_LABEL[c]}群机器人`}
                      {note(c)}
                    </Space>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
              <Typography.Text type="secondary" data-testid="channel-mode">
                {channels === null ? `当前为默认设置：${channelList(defaults)}` : `当前为自选：${channelList(channels)}`}
              </Typography.Text>
              {channels !== null && (
                <Button size="small" onClick={() => setChannels(null)}>
                  恢复默认
                </Button>
              )}
            </Flex>
          </Card>
          <Button type="primary" htmlType="submit" loading={busy} block>
            保存
          </Button>
        </Form>
      </Flex>
    </>
  );
}
