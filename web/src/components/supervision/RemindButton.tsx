import { BellOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { REMIND_DEFAULT_TEXT } from '../../../../domain/problem-types';
import { ApiError } from '../../api/client';
import { sendReminders } from '../../api/problems';

/** 催办 (office): one reminder to the department of one problem, with the standard text. */
export function RemindButton({ campaignId, no, department, onSent }: { campaignId: string; no: number; department: string; onSent(): void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const r = await sendReminders(campaignId, [no]);
      const refused = r.refused[0];
      if (refused) message.error(`未能催办：${refused.message}`);
      else {
        message.success(`已向${department}发出催办`);
        onSent();
      }
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '催办失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={`向${department}发出催办？`} description={`催办内容：${REMIND_DEFAULT_TEXT}`} okText="发出催办" cancelText="取消" onConfirm={() => void send()}>
      <Button icon={<BellOutlined />} loading={busy}>
        催办
      </Button>
    </Popconfirm>
  );
}
