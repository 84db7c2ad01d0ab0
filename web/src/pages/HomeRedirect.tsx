import { Result } from 'antd';
import { Navigate } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { seesProblems } from '../auth/roles';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { useCampaigns } from '../layout/CampaignsContext';
import { mayOpen, pathOf } from '../layout/nav';

/** `/`: the first campaign's 我的任务 page; admin goes to 管理. */
export function HomeRedirect() {
  const me = useMe();
  const { campaigns, error, reload } = useCampaigns();
  if (!seesProblems(me.role)) return <Navigate to={pathOf('admin', undefined)} replace />;
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!campaigns) return <Loading />;
  const first = campaigns[0];
  if (first) return <Navigate to={pathOf('tasks', first.id)} replace />;
  const hint = mayOpen(me.role, 'admin') ? '请在「管理」中导入台账。' : '请等待领导小组办公室导入台账。';
  return <Result status="info" title="暂无巡察整改批次" subTitle={hint} />;
}
