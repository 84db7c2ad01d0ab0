import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';

export function NotFoundPage() {
  const navigate = useNavigate();
  return <Result status="404" title="页面不存在" extra={<Button onClick={() => void navigate('/')}>返回首页</Button>} />;
}
