import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { importAccounts, type CreatedAccount } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { CampaignSummary } from '../../api/types';

interface Props {
  campaigns: CampaignSummary[];
  onClose(): void;
  onDone(created: CreatedAccount[]): void;
}

/** 从台账人员导入: one account per person of a ledger who has none yet, roles from the ledger. */
export function ImportAccounts({ campaigns, onClose, onDone }: Props) {
  const [campaignId, setCampaignId] = useState<string | undefined>(campaigns[0]?.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (!campaignId) return;
    setBusy(true);
    setError(null);
    try {
      onDone((await importAccounts(campaignId)).created);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '导入失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="从台账人员导入账号" okText="导入" cancelText="取消" onOk={() => void run()} okButtonProps={{ disabled: !campaignId }} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        为所选台账中还没有账号的人员各建一个账号：用户名为人员编号，角色按其在台账中的职责确定（组长、办公室、责任领导、科室人员）。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="巡察整改台账" required>
          <Select value={campaignId} onChange={setCampaignId} options={campaigns.map((c) => ({ value: c.id, label: `${c.name}（${c.id}）` }))} placeholder="请先在「载入台账」中导入台账" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
