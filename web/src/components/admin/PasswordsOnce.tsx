import { Alert, Table, Typography } from 'antd';
import { ROLE_LABEL } from '../../../../domain/accounts';
import type { CreatedAccount } from '../../api/admin';

/**
 * Initial passwords, shown this once: the server keeps only their hashes. A table to copy from,
 * one cell or all at once, to hand to each person; each must change it at first sign-in.
 */
export function PasswordsOnce({ created }: { created: CreatedAccount[] }) {
  if (created.length === 0) return <Alert type="info" showIcon title="没有新建账号：台账人员都已有账号，或没有合适的角色。" />;
  const all = created.map((c) => `${c.account.username}\t${c.account.name}\t${c.initialPassword}`).join('\n');
  return (
    <div data-testid="passwords-once">
      <Alert
        type="warning"
        showIcon
        title={`已创建 ${created.length} 个账号。初始密码只显示这一次，关闭后无法再查看，请立即复制保存并交给本人。`}
        description="首次登录须修改密码；如有遗失，只能为其重置密码。"
        action={
          <Typography.Text strong copyable={{ text: `用户名\t姓名\t初始密码\n${all}`, tooltips: ['复制全部（可粘贴到 Excel）', '已复制'] }}>
            复制全部
          </Typography.Text>
        }
        style={{ marginBottom: 12 }}
      />
      <Table
        size="small"
        rowKey={(c) => c.account.username}
        pagination={created.length > 20 ? { pageSize: 20 } : false}
        dataSource={created}
        columns={[
          { title: '用户名', render: (_, c) => <Typography.Text copyable>{c.account.username}</Typography.Text> },
          { title: '姓名', render: (_, c) => c.account.name },
          { title: '角色', render: (_, c) => `${ROLE_LABEL[c.account.role]}${c.account.department ? `（${c.account.department}）` : ''}` },
          { title: '初始密码', render: (_, c) => <Typography.Text code copyable>{c.initialPassword}</Typography.Text> },
        ]}
      />
    </div>
  );
}
