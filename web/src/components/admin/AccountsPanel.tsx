import { EditOutlined, KeyOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABEL } from '../../../../domain/accounts';
import { listAccounts, resetPassword, type Account, type CreatedAccount } from '../../api/admin';
import { ApiError } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { beijingTime } from '../../lib/time';
import { ErrorResult } from '../ErrorResult';
import { AccountForm } from './AccountForm';
import { ImportAccounts } from './ImportAccounts';
import { PasswordsOnce } from './PasswordsOnce';
import { useDirectory } from './useDirectory';

/** 停用 / 锁定至… / 须改密码, or 正常. */
function AccountStatus({ a }: { a: Account }) {
  const locked = a.lockedUntil && Date.parse(a.lockedUntil) > Date.now();
  if (!a.disabled && !locked && !a.mustChangePassword) return <Tag color="success">正常</Tag>;
  return (
    <Flex gap={4} wrap>
      {a.disabled && <Tag color="default">停用</Tag>}
      {locked && <Tag color="red">锁定至 {beijingTime(a.lockedUntil).slice(5)}</Tag>}
      {a.mustChangePassword && <Tag color="gold">须改密码</Tag>}
    </Flex>
  );
}

/** 账号 (system administrator): every account; create, edit, reset a password, import a ledger's people. */
export function AccountsPanel({ campaignsVersion }: { campaignsVersion: number }) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const accounts = useLoad(`accounts:${version}`, (signal) => listAccounts(signal));
  const directory = useDirectory(campaignsVersion);
  const [editing, setEditing] = useState<Account | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [passwords, setPasswords] = useState<CreatedAccount[] | null>(null);
  const [q, setQ] = useState('');
  const reload = () => setVersion((n) => n + 1);

  const reset = async (a: Account) => {
    try {
      const r = await resetPassword(a.username);
      setPasswords([{ account: { ...a, mustChangePassword: true }, initialPassword: r.initialPassword }]);
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '重置失败，请重试');
    }
  };

  if (accounts.error) return <ErrorResult error={accounts.error} onRetry={reload} />;
  const needle = q.trim().toLowerCase();
  const rows = (accounts.data?.items ?? []).filter((a) => !needle || [a.username, a.name, a.personId, a.department ?? '', ROLE_LABEL[a.role]].some((s) => s.toLowerCase().includes(needle)));
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={8} wrap>
        <Input.Search placeholder="搜索用户名、姓名、科室、角色" allowClear style={{ maxWidth: 320 }} onChange={(e) => setQ(e.target.value)} />
        <Flex gap={8} wrap>
          <Button icon={<TeamOutlined />} onClick={() => setImporting(true)}>
            从台账人员导入
          </Button>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing(null)}>
            新建账号
          </Button>
        </Flex>
      </Flex>
      <Table<Account>
        rowKey="username"
        size="middle"
        loading={accounts.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个账号` }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 120, sorter: (a, b) => a.username.localeCompare(b.username) },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '角色', dataIndex: 'role', width: 130, render: (r: Account['role']) => ROLE_LABEL[r], filters: Object.entries(ROLE_LABEL).map(([value, text]) => ({ value, text })), onFilter: (v, a) => a.role === v },
          { title: '科室', dataIndex: 'department', width: 110, render: (d: string | null) => d ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: '状态', key: 'status', width: 170, render: (_, a) => <AccountStatus a={a} /> },
          { title: '最近登录', dataIndex: 'lastSignInAt', width: 150, render: (t: string | null) => (t ? beijingTime(t) : <Typography.Text type="secondary">从未登录</Typography.Text>) },
          {
            title: '操作',
            key: 'ops',
            width: 180,
            fixed: 'right',
            render: (_, a) => (
              <Flex gap={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(a)}>
                  修改
                </Button>
                <Popconfirm title={`重置 ${a.name} 的密码？`} description="将生成新的初始密码，并使其已登录的会话失效。" okText="重置" cancelText="取消" onConfirm={() => void reset(a)}>
                  <Button type="link" size="small" icon={<KeyOutlined />}>
                    重置密码
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      {editing !== undefined && (
        <AccountForm
          account={editing}
          directory={directory.data}
          onClose={() => setEditing(undefined)}
          onSaved={(created) => {
            setEditing(undefined);
            if (created) setPasswords([created]);
            else message.success('已保存');
            reload();
          }}
        />
      )}
      {importing && <ImportAccounts campaigns={directory.data?.campaigns ?? []} onClose={() => setImporting(false)} onDone={(created) => { setImporting(false); setPasswords(created); reload(); }} />}
      <Modal open={passwords !== null} title="初始密码" width={760} footer={<Button type="primary" onClick={() => setPasswords(null)}>我已保存，关闭</Button>} onCancel={() => setPasswords(null)} mask={{ closable: false }} destroyOnHidden>
        {passwords && <PasswordsOnce created={passwords} />}
      </Modal>
    </Flex>
  );
}
