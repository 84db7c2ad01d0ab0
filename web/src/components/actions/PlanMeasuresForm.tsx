import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProblemDetail } from '../../api/problems';
import { useCampaignDetail } from '../../api/useCampaignDetail';
import { ActionModal, type ActionFormProps } from './ActionModal';
import { useSendAction } from './useSendAction';

interface MeasureValues {
  text: string;
  owner: string;
  due: Dayjs | null;
}

/** The department's people for the owner select: the campaign's list, else the problem's remit. */
function useOwners(campaignId: string, detail: ProblemDetail) {
  const { data } = useCampaignDetail(campaignId);
  const r = detail.state.remit;
  const fromCampaign = (data?.people ?? []).filter((p) => p.department === r.department);
  const people = fromCampaign.length > 0 ? fromCampaign : [r.owner, ...r.departmentMembers];
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.id) && (seen.add(p.id), true)).map((p) => ({ value: p.id, label: p.name }));
}

/** 制定整改措施: the draft (open measures) edited as a list of text, owner and due date. */
export function PlanMeasuresForm({ campaignId, detail, action, onClose, onDone }: ActionFormProps) {
  const [form] = Form.useForm<{ measures: MeasureValues[] }>();
  const s = useSendAction(campaignId, detail.row.no, onDone);
  const owners = useOwners(campaignId, detail);
  const draft = detail.state.measures.filter((m) => !m.done);
  const blank: MeasureValues = { text: '', owner: detail.state.remit.owner.id, due: detail.state.deadline ? dayjs(detail.state.deadline) : null };
  const initial = draft.length > 0 ? draft.map((m) => ({ text: m.text, owner: m.owner, due: dayjs(m.due) })) : [blank];
  const submit = ({ measures }: { measures: MeasureValues[] }) =>
    void s.send(action, { measures: measures.map((m) => ({ text: m.text.trim(), owner: m.owner, due: m.due?.format('YYYY-MM-DD') ?? '' })) }, form);
  const done = detail.state.measures.length - draft.length;
  return (
    <ActionModal title={`制定整改措施：问题${detail.row.no}`} okText="保存措施" width={720} busy={s.busy} error={s.error} onCancel={onClose} onOk={() => form.submit()}>
      <Typography.Paragraph type="secondary">
        每条措施写明做什么、由谁负责、何时完成。保存后可继续修改，确认无误再「提交整改措施」给责任领导审批。
        {done > 0 && ` 已完成的 ${done} 条措施保持不变。`}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ measures: initial }} onFinish={submit} disabled={s.busy} requiredMark={false}>
        <Form.List name="measures" rules={[{ validator: (_, v: unknown[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error('至少一条整改措施'))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {fields.map((f, i) => (
                <div key={f.key} data-testid={`measure-editor-${i}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px 0' }}>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
                    <Typography.Text strong>措施 {i + 1}</Typography.Text>
                    {fields.length > 1 && <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除措施 ${i + 1}`} onClick={() => remove(f.name)} />}
                  </Flex>
                  <Form.Item name={[f.name, 'text']} label="措施内容" rules={[{ required: true, whitespace: true, message: '请填写措施内容' }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="例如：修订财务报销管理办法，明确审核责任" />
                  </Form.Item>
                  <Flex gap={12} wrap>
                    <Form.Item name={[f.name, 'owner']} label="责任人" rules={[{ required: true, message: '请选择责任人' }]} style={{ flex: '1 1 180px' }}>
                      <Select options={owners} placeholder="选择责任人" showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'due']} label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]} style={{ flex: '1 1 180px' }}>
                      <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
                    </Form.Item>
                  </Flex>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...blank })} block>
                添加一条措施
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </ActionModal>
  );
}
