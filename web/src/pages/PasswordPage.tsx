import { Alert, App, Button, Form, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAuth, useMe } from '../auth/AuthContext';
import { safeNext } from '../auth/RequireAuth';
import { PASSWORD_MIN_LENGTH, passwordForUser } from '../../../domain/accounts';
import { AuthCard } from '../components/AuthCard';
import { APP_TITLE } from '../components/PageTitle';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

// The server's own rule (domain/accounts.ts), so people see the mistake before sending.
function checkNew(username: string, pw: string | undefined): Promise<void> {
  const r = passwordForUser(username).safeParse(pw ?? '');
  return !pw || r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '密码不符合要求'));
}

/** 修改密码; forced after the first sign-in (mustChangePassword), optional later. */
export function PasswordPage() {
  const me = useMe();
  const { changePassword, logout } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me.mustChangePassword;
  useEffect(() => {
    document.title = `修改密码 - ${APP_TITLE}`;
  }, []);

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(currentPassword, newPassword);
      void message.success('密码已修改');
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError('修改失败，请重试');
        return;
      }
      // Field errors go on their fields; a field the form lacks still shows in the alert.
      const known = e.fields.filter((f) => f.path === 'currentPassword' || f.path === 'newPassword');
      form.setFields(known.map((f) => ({ name: f.path as keyof PasswordForm, errors: [f.message] })));
      if (known.length === 0 || known.length < e.fields.length) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={`${me.name}，请修改密码`}>
      {forced && <Alert type="info" showIcon title="首次登录须修改初始密码后才能使用系统" style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<PasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} disabled={busy}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra={`至少 ${PASSWORD_MIN_LENGTH} 位，须同时包含字母和数字，不能与用户名相同`}
          rules={[{ required: true, message: '请输入新密码' }, { validator: (_, v: string | undefined) => checkNew(me.username, v) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          {forced ? (
            <Button onClick={() => void logout().catch(() => undefined)}>退出</Button>
          ) : (
            <Button onClick={() => void navigate(-1)}>返回</Button>
          )}
          <Button type="primary" htmlType="submit" loading={busy}>
            修改密码
          </Button>
        </Space>
      </Form>
    </AuthCard>
  );
}
