import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { ActionName } from '../../../../domain/problem-types';
import type { ActionResult } from '../../api/problems';
import { decisionWords } from '../actions/DecisionForm';
import { useSendAction } from '../actions/useSendAction';

interface Props {
  campaignId: string;
  no: number;
  action: ActionName;
  stacked: boolean;
  onDone(r: ActionResult): void;
}

/**
 * 通过 and 退回 under the evidence, in the page rather than a dialog: the reviewer keeps the files in
 * view while writing the reason. 退回 will not go without a reason.
 */
export function InlineDecision({ campaignId, no, action, stacked, onDone }: Props) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [approve, setApprove] = useState<boolean | null>(null);
  const s = useSendAction(campaignId, no, onDone);
  const words = decisionWords(action);
  const submit = ({ reason }: { reason?: string }) => {
    const r = reason?.trim();
    void s.send(action, r ? { approve, reason: r } : { approve }, form);
  };
  if (approve === null) {
    return (
      <Flex gap={8} vertical={stacked} data-testid="decision">
        <Button type="primary" size="large" icon={<CheckOutlined />} block={stacked} onClick={() => setApprove(true)}>
          {words.yes}
        </Button>
        <Button danger size="large" icon={<RollbackOutlined />} block={stacked} onClick={() => setApprove(false)}>
          {words.no}
        </Button>
      </Flex>
    );
  }
  const label = approve ? '意见（选填）' : `${words.no}理由`;
  return (
    <Form form={form} layout="vertical" onFinish={submit} disabled={s.busy} data-testid="decision" requiredMark={false}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {approve ? `确认${words.yes}问题${no}` : `${words.no}问题${no}：请写明要改什么`}
      </Typography.Text>
      <Form.Item name="reason" label={label} rules={[{ required: !approve, whitespace: true, message: `${words.no}时必须填写理由，告诉对方要改什么` }, { max: 2000, message: '最多 2000 字' }]}>
        <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} placeholder={approve ? '可不填' : '例如：佐证材料缺少盖章页，请补充后重新提交'} />
      </Form.Item>
      {s.error && <Alert type="error" showIcon title="未能完成" description={s.error} style={{ marginBottom: 12, whiteSpace: 'pre-wrap' }} />}
      <Flex gap={8} vertical={stacked}>
        <Button type="primary" danger={!approve} htmlType="submit" loading={s.busy} block={stacked}>
          {approve ? `确认${words.yes}` : `确认${words.no}`}
        </Button>
        <Button onClick={() => setApprove(null)} disabled={s.busy} block={stacked}>
          取消
        </Button>
      </Flex>
    </Form>
  );
}
