import { Button, Result } from 'antd';
import { ApiError } from '../api/client';

/** A failed load, with the server's own message when there is one. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : '未知错误';
  const status = error instanceof ApiError && error.status === 404 ? '404' : error instanceof ApiError && error.status === 403 ? '403' : 'error';
  return (
    <Result
      status={status}
      title={status === '404' ? '未找到' : status === '403' ? '无权访问' : '加载失败'}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
