import { Drawer, Layout } from 'antd';
import { useState } from 'react';
import { Outlet } from 'react-router-dom';
import { HeaderBar } from './HeaderBar';
import { SideNav } from './SideNav';
import { useIsPhone } from './useIsPhone';

const SIDER_WIDTH = 220;

/** The frame of every signed-in page: side menu (a drawer at phone width), header, content. */
export function AppLayout() {
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer placement="left" size={SIDER_WIDTH + 40} open={drawerOpen} onClose={() => setDrawerOpen(false)} closable={false} styles={{ body: { padding: 0 } }}>
          <SideNav onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider theme="light" width={SIDER_WIDTH} style={{ borderInlineEnd: '1px solid rgba(5,5,5,0.06)' }}>
          <SideNav />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: phone ? '0 8px' : '0 24px', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
          <HeaderBar phone={phone} onOpenMenu={() => setDrawerOpen(true)} />
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
