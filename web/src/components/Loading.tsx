import { Flex, Spin } from 'antd';

export function Loading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin description={tip} />
    </Flex>
  );
}
