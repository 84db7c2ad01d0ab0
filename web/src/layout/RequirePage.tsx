import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useMe } from '../auth/AuthContext';
import { mayOpen, type PageKey } from './nav';

/** Pages outside one's role answer like the server does for data outside one's remit. */
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const me = useMe();
  if (!mayOpen(me.role, page)) return <Result status="403" title="无权访问" subTitle="您的角色不能打开此页面。" />;
  return <>{children}</>;
}
