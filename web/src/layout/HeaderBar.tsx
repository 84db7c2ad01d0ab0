import { KeyOutlined, LogoutOutlined, MenuOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tag, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext';
import { withNext } from '../auth/RequireAuth';
import { ROLE_LABEL, seesProblems } from '../auth/roles';
import { NotificationBell } from '../components/bell/NotificationBell';
import { APP_TITLE } from '../components/PageTitle';

/** Who is signed in, 通知设置, 修改密码 and 退出; at phone width also the button that opens the menu. */
export function HeaderBar({ phone, onOpenMenu }: { phone: boolean; onOpenMenu: () => void }) {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();

  // No navigate here: once signed out, <RequireAuth> replaces this page with the login page.
  const signOut = () => {
    logout().catch(() => message.warning('服务器未确认退出；本页已退出登录'));
  };
  // Back to this page after the change.
  const toPassword = () => void navigate(withNext('/password', location.pathname + location.search));
  // The administrator receives no reminders: no settings for them.
  const hasSettings = me.role !== 'admin';
  const toSettings = () => void navigate('/settings/notifications');
  const who = (
    <Space size={6}>
      <UserOutlined />
      <Typography.Text strong>{me.name}</Typography.Text>
      {/* At phone width the role would push the title onto two lines; the menu names it. */}
      {!phone && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {ROLE_LABEL[me.role]}
        </Tag>
      )}
    </Space>
  );
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, height: '100%' }}>
      {phone && <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={onOpenMenu} />}
      {phone && (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {APP_TITLE}
        </Typography.Text>
      )}
      <div style={{ flex: 1 }} />
      {seesProblems(me.role) && <NotificationBell />}
      {phone ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'role', label: ROLE_LABEL[me.role], disabled: true },
              ...(hasSettings ? [{ key: 'settings', icon: <SettingOutlined />, label: '通知设置', onClick: toSettings }] : []),
              { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: toPassword },
              { key: 'logout', icon: <LogoutOutlined />, label: '退出', onClick: signOut },
            ],
          }}
        >
          <Button type="text" aria-label="账号">
            {who}
          </Button>
        </Dropdown>
      ) : (
        <Space size={4}>
          {who}
          {hasSettings && (
            <Button type="link" icon={<SettingOutlined />} onClick={toSettings}>
              通知设置
            </Button>
          )}
          <Button type="link" icon={<KeyOutlined />} onClick={toPassword}>
            修改密码
          </Button>
          <Button type="link" icon={<LogoutOutlined />} onClick={signOut}>
            退出
          </Button>
        </Space>
      )}
    </div>
  );
}
