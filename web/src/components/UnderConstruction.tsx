import { Empty } from 'antd';

/** Placeholder body of a page whose content is being built. */
export function UnderConstruction({ what }: { what: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`「${what}」页面正在建设中`} style={{ padding: '48px 0' }} />;
}
