import { Alert, Table, Typography } from 'antd';
import { ApiError, type FieldError } from '../../api/client';

interface Row {
  key: number;
  sheet: string;
  row: number | null;
  column: string;
  message: string;
}

/** '「人员」第3行 科室' → sheet 人员, row 3, column 科室; 'file' and 'id' name the upload itself. */
export function errorRow(f: FieldError, key: number): Row {
  const m = /^(?:「([^」]+)」)?\s*(?:第(\d+)行)?\s*(.*)$/.exec(f.path);
  const column = m?.[3] ?? f.path;
  const named: Record<string, string> = { file: '文件', id: '编号', dryRun: '参数', importAccounts: '参数', deadline: '整改时限', periodEnd: '集中整改期截止日' };
  return { key, sheet: m?.[1] ?? '', row: m?.[2] ? Number(m[2]) : null, column: named[column] ?? column, message: f.message };
}

/** Every problem the server found in the file, one row each, so all can be fixed in one go. */
export function ImportErrors({ error }: { error: unknown }) {
  const e = error instanceof ApiError ? error : null;
  const heading = (e?.message ?? '检查失败，请重试').split('\n')[0];
  const rows = (e?.fields ?? []).map(errorRow);
  const sheets = rows.some((r) => r.sheet);
  return (
    <div data-testid="import-errors">
      <Alert type="error" showIcon title={heading} description={rows.length > 1 ? '请按下表逐项修改文件后重新选择；修改完之前不会导入任何数据。' : undefined} style={{ marginBottom: 12 }} />
      {rows.length > 0 && (
        <Table<Row>
          size="small"
          bordered
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          dataSource={rows}
          columns={[
            ...(sheets ? [{ title: '工作表', dataIndex: 'sheet', width: 90 }] : []),
            { title: '第几行', dataIndex: 'row', width: 80, align: 'center' as const, render: (n: number | null) => n ?? '—' },
            { title: '列', dataIndex: 'column', width: 140, render: (c: string) => <Typography.Text strong>{c || '—'}</Typography.Text> },
            { title: '问题', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
          ]}
        />
      )}
    </div>
  );
}
