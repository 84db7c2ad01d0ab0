import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { shanghaiDate } from '../../../../domain/dates';
import { REMIND_DEFAULT_TEXT, REMIND_MAX_LENGTH, type ActionName } from '../../../../domain/problem-types';
import { ActionModal, type ActionFormProps } from './ActionModal';
import { useSendAction } from './useSendAction';

interface Field {
  name: string;
  label: string;
  kind: 'text' | 'date';
  required: boolean;
  placeholder?: string;
  max?: number;
}

interface Spec {
  title: string;
  hint?: string;
  okText: string;
  fields: Field[];
}

const SPECS: Partial<Record<ActionName, Spec>> = {
  reportProgress: {
    title: '报送进展',
    hint: '长期坚持的问题须定期报送整改进展。',
    okText: '报送',
    fields: [{ name: 'text', label: '目前进展', kind: 'text', required: true, placeholder: '例如：已完成第三季度专项检查，发现问题均已整改' }],
  },
  requestExtension: {
    title: '申请延期',
    hint: '延期经批准后成为承诺整改时限，提醒和预警随之顺延。',
    okText: '提交申请',
    fields: [
      { name: 'until', label: '延期至', kind: 'date', required: true },
      { name: 'reason', label: '延期理由', kind: 'text', required: true, placeholder: '说明为何不能按期完成，以及目前的进展' },
    ],
  },
  reopen: {
    title: '反弹重新整改',
    hint: '回头看发现问题反弹：问题回到「制定措施」，由科室重新整改。',
    okText: '重新整改',
    fields: [
      { name: 'reason', label: '反弹情况', kind: 'text', required: true },
      { name: 'deadline', label: '新的整改时限', kind: 'date', required: true },
    ],
  },
  remind: {
    title: '催办',
    hint: '催办通知发给责任科室的负责人和成员。',
    okText: '发出催办',
    fields: [{ name: 'text', label: '催办内容（选填）', kind: 'text', required: false, placeholder: REMIND_DEFAULT_TEXT, max: REMIND_MAX_LENGTH }],
  },
};

export const hasSimpleForm = (a: ActionName) => a in SPECS;

/** reportProgress, requestExtension, reopen, remind: a few texts and dates each. */
export function SimpleForm({ campaignId, detail, action, onClose, onDone }: ActionFormProps) {
  const [form] = Form.useForm<Record<string, string | Dayjs | undefined>>();
  const s = useSendAction(campaignId, detail.row.no, onDone);
  const spec = SPECS[action];
  if (!spec) return null;
  // A new deadline lies after today, and an extension after the current deadline too.
  const today = shanghaiDate(Date.now());
  const deadline = detail.state.deadline;
  const notBefore = action === 'requestExtension' && deadline && deadline > today ? deadline : today;
  const submit = (v: Record<string, string | Dayjs | undefined>) => {
    const body = Object.fromEntries(
      Object.entries(v)
        .map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x?.format('YYYY-MM-DD')] as const)
        .filter(([, x]) => x),
    );
    void s.send(action, body, form);
  };
  return (
    <ActionModal title={`${spec.title}：问题${detail.row.no}`} okText={spec.okText} busy={s.busy} error={s.error} onCancel={onClose} onOk={() => form.submit()}>
      <Typography.Paragraph strong>{detail.row.title}</Typography.Paragraph>
      {spec.hint && <Typography.Paragraph type="secondary">{spec.hint}</Typography.Paragraph>}
      {action === 'requestExtension' && detail.state.deadline && <Typography.Paragraph>当前时限：{detail.state.deadline}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={submit} disabled={s.busy}>
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            // A date rule must not name `whitespace`: that makes the validator expect a string.
            rules={
              f.kind === 'date'
                ? [{ required: f.required, message: `请选择${f.label}` }]
                : [{ required: f.required, whitespace: true, message: `请填写${f.label}` }, { max: f.max ?? 2000, message: `最多 ${f.max ?? 2000} 字` }]
            }
          >
            {f.kind === 'date' ? <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') <= notBefore} /> : <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={f.placeholder} />}
          </Form.Item>
        ))}
      </Form>
    </ActionModal>
  );
}
