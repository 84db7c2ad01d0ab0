import { useSearchParams } from 'react-router-dom';
import { DEFAULT_PAGE_SIZE, type LedgerSort } from '../../../../domain/ledger';

// The ledger's whole view lives in the URL: copying it reproduces the view, back and forward
// step through the changes. The keys are the API's own query parameters (api/ledger.ts).

export const FILTER_KEYS = ['q', 'status', 'department', 'kind', 'warning', 'overdue', 'dueWithinDays', 'deadlineFrom', 'deadlineTo'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export interface LedgerParams {
  filters: Filters;
  sort: LedgerSort | undefined;
  order: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
  /** Filters and sort without paging: the export is what the list shows. */
  exportQuery: string;
  /** What GET …/problems is asked. */
  apiQuery: URLSearchParams;
  /** Changes some keys (empty removes them); a new filter goes back to page 1. */
  update(patch: Record<string, string | undefined>, keepPage?: boolean): void;
  reset(): void;
}

const positive = (s: string | null, fallback: number) => (s && /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : fallback);

export function useLedgerParams(): LedgerParams {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  const query = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) {
      filters[k] = v;
      query.set(k, v);
    }
  }
  const sort = (params.get('sort') ?? undefined) as LedgerSort | undefined;
  const order = params.get('order') === 'desc' ? 'desc' : params.get('order') === 'asc' ? 'asc' : undefined;
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  if (sort) query.set('sort', sort);
  if (order) query.set('order', order);
  const exportQuery = query.toString();
  const apiQuery = new URLSearchParams(query);
  apiQuery.set('page', String(page));
  apiQuery.set('pageSize', String(pageSize));

  const update = (patch: Record<string, string | undefined>, keepPage = false) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      if (!keepPage) next.delete('page');
      return next;
    });
  const reset = () => setParams(new URLSearchParams());
  return { filters, sort, order, page, pageSize, exportQuery, apiQuery, update, reset };
}
