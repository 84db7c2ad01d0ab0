import { FileTextOutlined, RobotOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { AccountsPanel } from '../components/admin/AccountsPanel';
import { LedgerImport } from '../components/admin/LedgerImport';
import { ReportImport } from '../components/admin/ReportImport';
import { RobotsPanel } from '../components/admin/RobotsPanel';
import { PageTitle } from '../components/PageTitle';
import { useCampaigns } from '../layout/CampaignsContext';

/** 管理: loading ledgers and reports and the group robots (office and admin), and the accounts (admin only). The tab is in the URL. */
export function AdminPage() {
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const { reload } = useCampaigns();
  const [params, setParams] = useSearchParams();
  // A new campaign appears in the menu and in the account import's list at once.
  const [loaded, setLoaded] = useState(0);
  const onLoaded = () => {
    reload();
    setLoaded((n) => n + 1);
  };
  const tabs = [
    { key: 'ledger', label: '载入台账', icon: <TableOutlined />, children: <LedgerImport isAdmin={isAdmin} onLoaded={onLoaded} /> },
    { key: 'report', label: '载入通报', icon: <FileTextOutlined />, children: <ReportImport onLoaded={onLoaded} /> },
    { key: 'robots', label: '群机器人', icon: <RobotOutlined />, children: <RobotsPanel campaignsVersion={loaded} /> },
    ...(isAdmin ? [{ key: 'accounts', label: '账号', icon: <TeamOutlined />, children: <AccountsPanel campaignsVersion={loaded} /> }] : []),
  ];
  const active = tabs.find((t) => t.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <>
      <PageTitle title="管理" />
      <Card>
        <Tabs activeKey={active} onChange={(tab) => setParams({ tab })} items={tabs} destroyOnHidden={false} />
      </Card>
    </>
  );
}
