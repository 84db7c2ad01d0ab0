import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { uploadLedger, type LedgerImportResult } from '../../api/admin';
import { pathOf } from '../../layout/nav';
import { FilePick } from './FilePick';
import { ImportErrors } from './ImportErrors';
import { PasswordsOnce } from './PasswordsOnce';

type Summary = Pick<LedgerImportResult, 'campaignId' | 'name' | 'organisation' | 'aspects' | 'problems' | 'measures' | 'departments' | 'people'>;

/** What a ledger holds, as the server read it. */
export function LedgerSummary({ r }: { r: Summary }) {
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} data-testid="import-summary">
      <Descriptions.Item label="编号">{r.campaignId}</Descriptions.Item>
      <Descriptions.Item label="名称" span={{ xs: 1, sm: 1, lg: 2 }}>{r.name}</Descriptions.Item>
      <Descriptions.Item label="被巡察单位">{r.organisation}</Descriptions.Item>
      <Descriptions.Item label="方面">{r.aspects} 个</Descriptions.Item>
      <Descriptions.Item label="问题">{r.problems} 个</Descriptions.Item>
      <Descriptions.Item label="整改措施">{r.measures} 条</Descriptions.Item>
      <Descriptions.Item label="科室 / 人员">{r.departments} 个 / {r.people} 人</Descriptions.Item>
    </Descriptions>
  );
}

/** Whether loading it would start anything, refuse, or be a no-op. */
export function existingNote(r: LedgerImportResult): ReactNode {
  if (r.existing === 'same') return <Alert type="info" showIcon title="这份台账已经载入过：再次导入不会重复启动任何问题。" />;
  if (r.existing === 'different') return <Alert type="error" showIcon title={`编号「${r.campaignId}」已被另一份内容不同的台账使用：请在「巡察信息」表中换一个编号，或核对是否选错了文件。`} />;
  return <Alert type="success" showIcon title="检查通过，没有发现错误。确认后将为每个问题启动整改流程。" />;
}

/** 载入台账: check first (dry run: every error listed, nothing written), then load on confirmation. */
export function LedgerImport({ isAdmin, onLoaded }: { isAdmin: boolean; onLoaded(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'load' | null>(null);
  const [checked, setChecked] = useState<LedgerImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [accounts, setAccounts] = useState(false);
  const [done, setDone] = useState<LedgerImportResult | null>(null);

  const run = async (f: File, dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'load');
    setError(null);
    try {
      const r = await uploadLedger(f, { dryRun, importAccounts: accounts });
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
  const pick = (f: File) => {
    setFile(f);
    setChecked(null);
    setDone(null);
    void run(f, true);
  };

  if (done) {
    return (
      <Flex vertical gap={16}>
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={done.created ? `已导入「${done.name}」` : '这份台账此前已导入，本次没有新建内容'}
          subTitle={`新启动 ${done.started} 个问题的整改流程${done.alreadyRunning ? `，${done.alreadyRunning} 个此前已在进行` : ''}。`}
          extra={[
            !isAdmin && <Link key="ledger" to={pathOf('ledger', done.campaignId)}><Button type="primary">查看台账</Button></Link>,
            <Button key="again" onClick={() => { setDone(null); setFile(null); setChecked(null); }}>继续导入其他台账</Button>,
          ]}
        />
        {done.accounts && <PasswordsOnce created={done.accounts.created} />}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        支持 .xlsx、.csv、.json 台账文件。选择文件后系统会先逐行检查，列出全部错误；检查通过并经您确认后才会导入。
        台账模板可由系统管理员在服务器上运行 <Typography.Text code>npx rectify template --out 台账模板.xlsx</Typography.Text> 生成，模板内附各列填写说明。
      </Typography.Paragraph>
      <FilePick accept=".xlsx,.csv,.json" text="点击或拖入台账文件" hint="选择后立即检查，不会写入任何数据" file={file} onPick={pick} />
      {busy === 'check' && <Spin description="正在检查台账…" />}
      {error !== null && busy === null && <ImportErrors error={error} />}
      {checked && busy !== 'check' && error === null && (
        <Flex vertical gap={12}>
          {existingNote(checked)}
          <LedgerSummary r={checked} />
          <Flex gap={16} align="center" wrap>
            <Button type="primary" size="large" loading={busy === 'load'} disabled={checked.existing === 'different'} onClick={() => file && void run(file, false)}>
              确认导入
            </Button>
            {isAdmin && (
              <Checkbox checked={accounts} onChange={(e) => setAccounts(e.target.checked)}>
                同时为台账人员创建账号（初始密码只显示一次）
              </Checkbox>
            )}
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
