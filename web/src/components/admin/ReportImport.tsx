import { Alert, Button, DatePicker, Flex, Form, Input, Result, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { uploadReport, type ReportFields, type ReportImportResult } from '../../api/admin';
import { FilePick } from './FilePick';
import { ImportErrors } from './ImportErrors';
import { existingNote, LedgerSummary } from './LedgerImport';
import { RecognisedReport } from './RecognisedReport';

interface Values {
  id?: string;
  deadline?: Dayjs | null;
  periodEnd?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

/** 载入通报: a published progress report (.txt) becomes a campaign; checked and shown first. */
export function ReportImport({ onLoaded }: { onLoaded(): void }) {
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'load' | null>(null);
  const [checked, setChecked] = useState<ReportImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ReportImportResult | null>(null);

  const fields = (): ReportFields => {
    const v = form.getFieldsValue();
    return { id: v.id?.trim() || undefined, deadline: day(v.deadline), periodEnd: day(v.periodEnd) };
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'load');
    setError(null);
    try {
      const r = await uploadReport(file, { ...fields(), dryRun });
      if (dryRun) setChecked(r);
      else {
        setDone(r);
        onLoaded();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  // Anything changed after a check must be checked again before it is loaded.
  const changed = () => {
    setChecked(null);
    setError(null);
  };

  if (done) {
    return (
      <Result
        status="success"
        title={done.created ? `已由通报重建「${done.name}」` : '这份通报此前已导入，本次没有新建内容'}
        subTitle={`新启动 ${done.started} 个问题的整改流程：已完成的问题直接销号，未完成的按承诺时限继续整改。`}
        extra={<Button onClick={() => { setDone(null); setFile(null); changed(); form.resetFields(); }}>继续导入</Button>}
      />
    );
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        由已发布的《整改进展情况通报》（UTF-8 编码的 .txt 纯文本）重建巡察整改：先检查并显示识别结果，确认无误后再导入。
      </Typography.Paragraph>
      <FilePick accept=".txt" text="点击或拖入通报文本文件（.txt）" hint="Word 文档请先另存为 UTF-8 纯文本" file={file} onPick={(f) => { setFile(f); changed(); }} />
      <Form form={form} layout="vertical" onValuesChange={changed} style={{ maxWidth: 640 }}>
        <Form.Item name="id" label="巡察整改编号" extra="字母、数字、点、下划线和连字符；不填则取文件名">
          <Input placeholder="如 dezhou-mch-2025" allowClear />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="deadline" label="未完成问题的整改时限" extra="通报未写明承诺时限的问题使用此时限" style={{ flex: '1 1 240px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="periodEnd" label="集中整改期截止日" style={{ flex: '1 1 240px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
      <div>
        <Button type={checked ? 'default' : 'primary'} size="large" disabled={!file} loading={busy === 'check'} onClick={() => void run(true)}>
          检查通报
        </Button>
      </div>
      {busy === 'check' && <Spin description="正在识别通报…" />}
      {error !== null && busy === null && <ImportErrors error={error} />}
      {checked && error === null && (
        <Flex vertical gap={12}>
          {existingNote(checked)}
          {checked.recognised.counts.problems === 0 && <Alert type="warning" showIcon title="没有识别出任何问题，请核对文件是否为整改进展情况通报。" />}
          <LedgerSummary r={checked} />
          <RecognisedReport r={checked.recognised} />
          <div>
            <Button type="primary" size="large" loading={busy === 'load'} disabled={checked.existing === 'different'} onClick={() => void run(false)}>
              确认导入
            </Button>
          </div>
        </Flex>
      )}
    </Flex>
  );
}
