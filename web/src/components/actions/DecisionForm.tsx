import { Form, Input, Radio, Typography } from 'antd';
import { ACTION_LABEL } from '../../../../domain/problem-types';
import { ActionModal, type ActionFormProps } from './ActionModal';
import { useSendAction } from './useSendAction';

interface DecisionValues {
  approve: boolean;
  reason?: string;
}

/** An extension is agreed to or not; everything else passes or goes back. */
export const decisionWords = (action: string) => (action === 'decideExtension' ? { yes: '同意', no: '不同意' } : { yes: '通过', no: '退回' });

/**
 * decidePlan, reviewClosure, verifyClosure, approveClosure, decideExtension: 通过, or 退回 with a
 * reason the form insists on (the server does too, and its refusal is shown if it comes).
 */
export function DecisionForm({ campaignId, detail, action, onClose, onDone, approve }: ActionFormProps & { approve?: boolean }) {
  const [form] = Form.useForm<DecisionValues>();
  const s = useSendAction(campaignId, detail.row.no, onDone);
  const words = decisionWords(action);
  const chosen = Form.useWatch('approve', form) ?? approve ?? true;
  const submit = (v: DecisionValues) => {
    const reason = v.reason?.trim();
    void s.send(action, reason ? { approve: v.approve, reason } : { approve: v.approve }, form);
  };
  return (
    <ActionModal
      title={`${ACTION_LABEL[action]}：问题${detail.row.no}`}
      okText={chosen ? words.yes : words.no}
      danger={!chosen}
      busy={s.busy}
      error={s.error}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph strong>{detail.row.title}</Typography.Paragraph>
      <Form<DecisionValues> form={form} layout="vertical" initialValues={{ approve: approve ?? true }} onFinish={submit} disabled={s.busy}>
        <Form.Item name="approve" label="审批意见">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: true, label: words.yes },
              { value: false, label: words.no },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={chosen ? '意见（选填）' : `${words.no}理由`}
          dependencies={['approve']}
          rules={[{ required: !chosen, whitespace: true, message: `${words.no}时必须填写理由，告诉对方要改什么` }, { max: 2000, message: '最多 2000 字' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={chosen ? '可不填' : '例如：佐证材料缺少盖章页，请补充后重新提交'} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
