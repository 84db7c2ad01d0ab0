import { BellOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Grid, Pagination, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { isDepartmentRole } from '../../../domain/accounts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../domain/ledger';
import { exportUrl, listProblems, reportUrl, type LedgerItem } from '../api/problems';
import { useCampaignDetail } from '../api/useCampaignDetail';
import { useLoad } from '../api/useLoad';
import { useMe } from '../auth/AuthContext';
import { ErrorResult } from '../components/ErrorResult';
import { BatchRemind } from '../components/ledger/BatchRemind';
import { ledgerColumns } from '../components/ledger/columns';
import { LedgerCards } from '../components/ledger/LedgerCards';
import { LedgerFilters } from '../components/ledger/LedgerFilters';
import { useLedgerParams } from '../components/ledger/useLedgerParams';
import { PageTitle } from '../components/PageTitle';
import { useCampaign } from '../layout/CampaignScope';
import { useIsPhone } from '../layout/useIsPhone';

/** 台账: the ledger of the campaign within one's remit: filters in the URL, server-side sort and paging, export. */
export function LedgerPage() {
  const { id: campaignId } = useCampaign();
  const me = useMe();
  const phone = useIsPhone();
  const wide = Grid.useBreakpoint().xxl === true;
  const p = useLedgerParams();
  const detail = useCampaignDetail(campaignId);
  const query = p.apiQuery.toString();
  const { data, error, loading, reload } = useLoad(`${campaignId}?${query}`, (signal) => listProblems(campaignId, p.apiQuery, signal));
  const [selected, setSelected] = useState<number[]>([]);
  const [reminding, setReminding] = useState(false);
  const office = me.role === 'office';
  const reports = office || me.role === 'head';

  const onPage = (page: number, pageSize: number) => {
    p.update({ page: page === 1 ? undefined : String(page), pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize) }, true);
    setSelected([]);
  };
  const onTable = (page: number, pageSize: number, s: SorterResult<LedgerItem> | SorterResult<LedgerItem>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    const sort = one?.order ? String(one.columnKey) : undefined;
    const order = one?.order === 'descend' ? 'desc' : one?.order ? 'asc' : undefined;
    // A new order starts again at page 1.
    if (sort !== p.sort || order !== p.order) {
      p.update({ sort, order, pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize) });
      setSelected([]);
    } else onPage(page, pageSize);
  };

  const tools = (
    <Flex gap={8} wrap>
      <Button icon={<FileExcelOutlined />} href={exportUrl(campaignId, p.exportQuery)} download>
        导出台账
      </Button>
      {reports && (
        <Button icon={<FileWordOutlined />} href={reportUrl(campaignId)} download>
          下载通报
        </Button>
      )}
      {office && (
        <Button type="primary" icon={<BellOutlined />} disabled={selected.length === 0} onClick={() => setReminding(true)}>
          批量催办{selected.length > 0 ? `（${selected.length}）` : ''}
        </Button>
      )}
    </Flex>
  );

  const emptyText = Object.keys(p.filters).length ? '没有符合筛选条件的问题' : '暂无问题';
  const pagination = {
    current: p.page,
    pageSize: p.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !phone,
    pageSizeOptions: [20, 50, 100, MAX_PAGE_SIZE],
    showTotal: (t: number) => `共 ${t} 个问题`,
    simple: phone,
  };
  const selection = office ? { selected, onSelect: setSelected } : {};
  return (
    <>
      <PageTitle title="台账" extra={phone ? undefined : tools} />
      <Card size="small">
        <LedgerFilters p={p} departments={isDepartmentRole(me.role) ? [] : (detail.data?.departments ?? [])} phone={phone} />
        {phone && <div style={{ marginBottom: 12 }}>{tools}</div>}
        {error ? (
          <ErrorResult error={error} onRetry={reload} />
        ) : phone ? (
          <>
            <LedgerCards campaignId={campaignId} items={data?.items ?? []} loading={loading} emptyText={emptyText} {...selection} />
            <Pagination {...pagination} onChange={onPage} style={{ marginTop: 12, textAlign: 'center' }} />
          </>
        ) : (
          <Table<LedgerItem>
            rowKey="no"
            size="small"
            loading={loading}
            dataSource={data?.items}
            columns={ledgerColumns(campaignId, p.sort, p.order, wide)}
            scroll={{ x: wide ? 1160 : 960 }}
            rowSelection={office ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (r) => ({ disabled: r.status === 'closed' }) } : undefined}
            pagination={pagination}
            onChange={(pg, _f, s) => onTable(pg.current ?? 1, pg.pageSize ?? p.pageSize, s)}
            locale={{ emptyText }}
          />
        )}
      </Card>
      {reminding && (
        <BatchRemind
          campaignId={campaignId}
          nos={selected}
          onClose={() => setReminding(false)}
          onSent={() => {
            setReminding(false);
            setSelected([]);
            reload();
          }}
        />
      )}
    </>
  );
}
