import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Popconfirm, Select, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ROBOT_PROVIDER_LABEL } from '../../../../domain/contact-forms';
import { listCampaigns } from '../../api/campaigns';
import { ApiError } from '../../api/client';
import { deleteRobot, listRobots, patchRobot, type Robot } from '../../api/contacts';
import { useLoad } from '../../api/useLoad';
import { ErrorResult } from '../ErrorResult';
import { RobotForm } from './RobotForm';

/** 群机器人 (administrator and office): per campaign, a robot per provider for each department's group and the office's. */
export function RobotsPanel({ campaignsVersion }: { campaignsVersion: number }) {
  const { message } = App.useApp();
  const campaigns = useLoad(`robot-campaigns:${campaignsVersion}`, (signal) => listCampaigns(signal));
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const robots = useLoad(campaignId ? `robots:${campaignId}:${version}` : null, (signal) => listRobots(campaignId!, signal));
  const [editing, setEditing] = useState<Robot | null | undefined>(undefined);
  const reload = () => setVersion((n) => n + 1);
  useEffect(() => {
    if (!campaignId && campaigns.data?.[0]) setCampaignId(campaigns.data[0].id);
  }, [campaigns.data, campaignId]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '操作失败，请重试');
    }
    reload();
  };

  if (campaigns.error) return <ErrorResult error={campaigns.error} onRetry={campaigns.reload} />;
  if (campaigns.data && !campaigns.data.length) return <Empty description="还没有台账：请先在「载入台账」中导入" />;
  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        title="提醒会发到责任人所在科室的群（院领导、办公室、组长为办公室群），并 @ 本人。Webhook 地址和加签密钥只写不读：保存后只显示打码的提示，修改即替换。"
      />
      <Flex justify="space-between" gap={8} wrap>
        <Select
          style={{ minWidth: 260 }}
          value={campaignId}
          onChange={setCampaignId}
          loading={campaigns.loading}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.id}）` }))}
          aria-label="巡察整改"
        />
        <Button type="primary" icon={<PlusOutlined />} disabled={!robots.data} onClick={() => setEditing(null)}>
          添加群机器人
        </Button>
      </Flex>
      {robots.error ? (
        <ErrorResult error={robots.error} onRetry={reload} />
      ) : (
        <Table<Robot>
          rowKey="id"
          size="middle"
          loading={robots.loading}
          dataSource={robots.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={false}
          locale={{ emptyText: '还没有群机器人' }}
          columns={[
            { title: '群', dataIndex: 'department', width: 120, render: (d: string | null) => d ?? <Tag color="blue">办公室</Tag> },
            { title: '平台', dataIndex: 'provider', width: 90, render: (p: Robot['provider']) => ROBOT_PROVIDER_LABEL[p] },
            { title: '名称', dataIndex: 'name', width: 160 },
            { title: 'Webhook 地址', dataIndex: 'webhookHint', render: (h: string) => <Typography.Text code>{h}</Typography.Text> },
            { title: '加签', dataIndex: 'hasSecret', width: 80, render: (s: boolean) => (s ? <Tag color="success">已设置</Tag> : <Tag>无</Tag>) },
            {
              title: '启用',
              dataIndex: 'enabled',
              width: 80,
              render: (on: boolean, r) => (
                <Switch size="small" checked={on} aria-label={`启用 ${r.name}`} onChange={(v) => void act(() => patchRobot(r.campaignId, r.id, { enabled: v }), v ? '已启用' : '已停用')} />
              ),
            },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              fixed: 'right',
              render: (_, r) => (
                <Flex gap={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                    修改
                  </Button>
                  <Popconfirm title={`删除「${r.name}」？`} description="删除后该群不再收到提醒；只想暂停可改为停用。" okText="删除" cancelText="取消" onConfirm={() => void act(() => deleteRobot(r.campaignId, r.id), '已删除')}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      )}
      {editing !== undefined && campaignId && robots.data && (
        <RobotForm
          campaignId={campaignId}
          departments={robots.data.departments}
          robot={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void message.success('已保存');
            reload();
          }}
        />
      )}
    </Flex>
  );
}
