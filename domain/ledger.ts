// The ledger's list vocabulary shared by the read model (db/queries/ledger.ts), the HTTP contract
// (api/) and the pages: which columns it can be sorted by, and what each is called.

export const LEDGER_SORTS = ['no', 'deadline', 'daysOverdue', 'status', 'department', 'lastActionAt', 'warning'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export const LEDGER_SORT_LABEL: Record<LedgerSort, string> = {
  no: '序号',
  deadline: '整改时限',
  daysOverdue: '逾期天数',
  status: '状态',
  department: '责任科室',
  lastActionAt: '最近操作时间',
  warning: '预警',
};

/** The desk's page sizes: the list never returns more than this at once. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
