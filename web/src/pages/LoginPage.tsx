import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { safeNext, withNext } from '../auth/RequireAuth';
import { AuthCard } from '../components/AuthCard';
import { APP_TITLE } from '../components/PageTitle';

interface LoginForm {
  username: string;
  password: string;
}

const TITLE: Record<string, string> = { Locked: '账号已锁定', RateLimited: '尝试过于频繁' };

/** 登录: username is the person id of the ledger (人员编号). */
export function LoginPage() {
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `登录 - ${APP_TITLE}`;
  }, []);

  if (state.status === 'signed-in' && !busy) return <Navigate to={safeNext(params.get('next'))} replace />;

  const onFinish = async ({ username, password }: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      const next = safeNext(params.get('next'));
      // A first sign-in changes the password first, then goes where it was heading.
      void navigate(me.mustChangePassword ? withNext('/password', next) : next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unknown', '登录失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="请使用人员编号登录">
      {error && <Alert type="error" showIcon title={TITLE[error.code] ?? '登录失败'} description={error.message} style={{ marginBottom: 16 }} />}
      <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} disabled={busy}>
        <Form.Item label="人员编号" name="username" rules={[{ required: true, whitespace: true, message: '请输入人员编号' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </AuthCard>
  );
}
