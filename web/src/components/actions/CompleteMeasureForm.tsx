import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { OUTCOME_FIGURES, type OutcomeKey } from '../../../../domain/outcomes';
import { ActionModal, type ActionFormProps } from './ActionModal';
import { EvidenceUploader, type UploadedFile } from './EvidenceUploader';
import { useSendAction } from './useSendAction';

interface Values {
  measureId: string;
  files?: UploadedFile[];
  text?: string;
  outcomes?: Partial<Record<OutcomeKey, number | null>>;
}

/** 完成整改措施: which measure, its evidence (files and/or a text) and the outcome figures it brought. */
export function CompleteMeasureForm({ campaignId, detail, action, onClose, onDone, measureId }: ActionFormProps & { measureId?: string }) {
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const s = useSendAction(campaignId, detail.row.no, onDone);
  const open = detail.state.measures.filter((m) => !m.done);
  const first = measureId ?? (open.length === 1 ? open[0]?.id : undefined);

  const submit = (v: Values) => {
    const evidence = [
      ...(v.files ?? []).map((f) => ({ kind: 'file' as const, sha256: f.sha256 })),
      ...(v.text?.trim() ? [{ kind: 'text' as const, text: v.text.trim() }] : []),
    ];
    // Only the figures people filled in; an empty box is not a zero they claimed.
    const outcomes = Object.fromEntries(Object.entries(v.outcomes ?? {}).filter(([, n]) => typeof n === 'number'));
    void s.send(action, { measureId: v.measureId, evidence, outcomes }, form);
  };
  const needEvidence = () =>
    (form.getFieldValue('files') as UploadedFile[] | undefined)?.length || (form.getFieldValue('text') as string | undefined)?.trim()
      ? Promise.resolve()
      : Promise.reject(new Error('请上传至少一份文件，或填写文字说明'));

  return (
    <ActionModal
      title={`完成整改措施：问题${detail.row.no}`}
      okText={uploading ? '等待上传完成…' : '提交完成情况'}
      width={680}
      busy={s.busy || uploading}
      error={s.error}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ measureId: first }} onFinish={submit} disabled={s.busy}>
        <Form.Item name="measureId" label="完成的措施" rules={[{ required: true, message: '请选择措施' }]}>
          <Select placeholder="选择措施" showSearch={{ optionFilterProp: 'label' }} options={open.map((m) => ({ value: m.id, label: `${m.id}　${m.text}` }))} />
        </Form.Item>
        <Form.Item name="files" label="佐证材料" required rules={[{ validator: needEvidence }]} dependencies={['text']}>
          <EvidenceUploader campaignId={campaignId} no={detail.row.no} onBusyChange={setUploading} />
        </Form.Item>
        <Form.Item name="text" label="文字说明（选填）" rules={[{ max: 2000, message: '最多 2000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="例如：已于院长办公会审议通过并印发" />
        </Form.Item>
        <Typography.Text strong>整改成效（没有的不填）</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {OUTCOME_FIGURES.map((f) => (
            <Col key={f.key} xs={12} sm={8}>
              <Form.Item name={['outcomes', f.key]} label={f.label}>
                <InputNumber min={0} precision={f.decimals} step={f.decimals ? 0.01 : 1} suffix={f.unit} style={{ width: '100%' }} aria-label={f.label} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </ActionModal>
  );
}
