import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { APP_TITLE } from './PageTitle';

/** The centred card of the sign-in and password pages (no menu: not signed in, or not yet allowed). */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          {APP_TITLE}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {title}
        </Typography.Paragraph>
        {children}
      </Card>
    </Flex>
  );
}
