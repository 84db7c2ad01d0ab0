import { App, Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { REMIND_DEFAULT_TEXT, REMIND_MAX_LENGTH } from '../../../../domain/problem-types';
import { ApiError } from '../../api/client';
import { sendReminders, type ReminderResult } from '../../api/problems';

interface Props {
  campaignId: string;
  nos: number[];
  onClose(): void;
  onSent(): void;
}

/** 批量催办: one text to the departments of the selected problems; then how many went out and which were refused. */
export function BatchRemind({ campaignId, nos, onClose, onSent }: Props) {
  const { modal } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await sendReminders(campaignId, nos, text.trim() || undefined);
      onSent();
      showResult(r);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '催办失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  const showResult = (r: ReminderResult) => {
    const content = (
      <>
        <Typography.Paragraph>已向 {r.sent.length} 个问题的责任科室发出催办。</Typography.Paragraph>
        {r.refused.length > 0 && (
          <Alert
            type="warning"
            title={`${r.refused.length} 个问题未催办`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {r.refused.map((x) => (
                  <li key={x.no}>
                    问题{x.no}：{x.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </>
    );
    if (r.refused.length > 0) modal.warning({ title: '催办结果', content });
    else modal.success({ title: '催办结果', content });
  };

  return (
    <Modal open title={`批量催办（${nos.length} 个问题）`} okText="发出催办" onOk={() => void send()} onCancel={onClose} okButtonProps={{ loading: busy }} destroyOnHidden>
      <Typography.Paragraph type="secondary">催办通知发给所选问题责任科室的负责人和成员；已销号的问题不会催办。</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="催办内容（选填）">
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={REMIND_MAX_LENGTH} showCount autoSize={{ minRows: 3, maxRows: 6 }} placeholder={REMIND_DEFAULT_TEXT} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
