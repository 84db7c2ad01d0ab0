import { AlertOutlined, AuditOutlined, CheckSquareOutlined, DashboardOutlined, SettingOutlined, TableOutlined } from '@ant-design/icons';
import { Menu, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useMatch, useNavigate } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { APP_TITLE } from '../components/PageTitle';
import { useCampaigns } from './CampaignsContext';
import { menuFor, NAV, pathOf, type PageKey } from './nav';

const ICON: Record<PageKey, ReactNode> = {
  tasks: <CheckSquareOutlined />,
  review: <AuditOutlined />,
  ledger: <TableOutlined />,
  supervision: <AlertOutlined />,
  overview: <DashboardOutlined />,
  admin: <SettingOutlined />,
};

/** Brand, campaign switcher and the role's menu; the same content in the sider and the drawer. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { campaigns, currentId } = useCampaigns();
  const page = useMatch('/c/:campaignId/:page/*')?.params.page;
  // A problem's page is reached from the ledger: keep 台账 lit while reading it.
  const section = page === 'problems' ? 'ledger' : page;
  const selected = NAV.find((n) => pathname === `/${n.key}` || n.key === section)?.key;
  const items = menuFor(me.role, currentId);

  const go = (path: string) => {
    void navigate(path);
    onNavigate?.();
  };
  return (
    <nav aria-label="主菜单">
      <Typography.Title level={5} style={{ margin: 0, padding: '18px 16px 12px', whiteSpace: 'nowrap' }}>
        {APP_TITLE}
      </Typography.Title>
      {campaigns && campaigns.length > 0 && (
        <div style={{ padding: '0 12px 12px' }}>
          <Select
            aria-label="巡察整改批次"
            style={{ width: '100%' }}
            value={currentId}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id: string) => go(pathOf(page && page !== 'admin' ? (page as PageKey) : 'tasks', id))}
          />
        </div>
      )}
      <Menu
        mode="inline"
        style={{ borderInlineEnd: 'none' }}
        selectedKeys={selected ? [selected] : []}
        items={items.map((i) => ({ key: i.key, icon: ICON[i.key], label: i.label }))}
        onClick={({ key }) => go(items.find((i) => i.key === key)?.path ?? '/')}
      />
    </nav>
  );
}
