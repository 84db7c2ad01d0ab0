import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { LedgerSort } from '../../../../domain/ledger';
import { actionLabel } from '../../../../domain/problem-types';
import { KIND_LABEL } from '../../../../domain/schemas';
import type { LedgerItem } from '../../api/problems';
import { beijingTime } from '../../lib/time';
import { ProblemLink } from '../ProblemLink';
import { StatusTag, WarningTag } from '../StatusTag';

type SortOrder = 'ascend' | 'descend' | null;

/**
 * The ledger's columns; the sortable ones are sorted by the server (sort/order in the URL). Below
 * `wide` screens 类型 rides under the problem and 责任领导 under the department, so that eleven
 * columns still fit a laptop without scrolling sideways.
 */
export function ledgerColumns(campaignId: string, sort: LedgerSort | undefined, order: 'asc' | 'desc' | undefined, wide: boolean): ColumnsType<LedgerItem> {
  const sorted = (key: LedgerSort) => ({
    key,
    sorter: true,
    sortOrder: (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null) as SortOrder,
  });
  const muted = (s: string) => <Typography.Text type="secondary">{s}</Typography.Text>;
  return [
    { title: '序号', dataIndex: 'no', width: 68, ...sorted('no') },
    {
      title: '问题',
      dataIndex: 'title',
      key: 'title',
      render: (_, r) => (
        <>
          <ProblemLink campaignId={campaignId} no={r.no}>
            {r.title}
          </ProblemLink>
          {!wide && <div>{muted(KIND_LABEL[r.kind])}</div>}
        </>
      ),
    },
    ...(wide ? [{ title: '类型', dataIndex: 'kind', key: 'kind', width: 84, render: (k: LedgerItem['kind']) => KIND_LABEL[k] }] : []),
    {
      title: wide ? '责任科室' : '科室/领导',
      dataIndex: 'department',
      width: wide ? 100 : 118,
      ...sorted('department'),
      render: (d: string, r) => (wide ? d : <>{d}<div>{muted(r.responsibleLeaderName)}</div></>),
    },
    ...(wide ? [{ title: '责任领导', dataIndex: 'responsibleLeaderName', key: 'leader', width: 88 }] : []),
    { title: '状态', dataIndex: 'status', width: 124, ...sorted('status'), render: (s: LedgerItem['status']) => <StatusTag status={s} /> },
    {
      title: '整改时限',
      dataIndex: 'deadline',
      width: 108,
      ...sorted('deadline'),
      render: (d: string | null, r) => (
        <>
          {d ?? muted('长期')}
          {r.originalDeadline && d !== r.originalDeadline && <div>{muted(`原 ${r.originalDeadline}`)}</div>}
        </>
      ),
    },
    {
      title: '逾期天数',
      dataIndex: 'daysOverdue',
      width: 92,
      align: 'right',
      ...sorted('daysOverdue'),
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : muted('—')),
    },
    { title: '预警', dataIndex: 'warning', width: 72, ...sorted('warning'), render: (w: LedgerItem['warning']) => <WarningTag warning={w} /> },
    { title: '措施', key: 'measures', width: 60, align: 'center', render: (_, r) => `${r.measuresDone}/${r.measuresTotal}` },
    {
      title: '最近操作',
      dataIndex: 'lastActionAt',
      width: 136,
      ...sorted('lastActionAt'),
      render: (_, r) =>
        r.lastAction ? (
          <>
            <div>{actionLabel(r.lastAction)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {beijingTime(r.lastActionAt)}
            </Typography.Text>
          </>
        ) : (
          muted('—')
        ),
    },
  ];
}
