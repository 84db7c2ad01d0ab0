import { STATUSES, type ProblemStatus } from '../../../../domain/problem-types';

// Every chart of 总览 opens the 台账 filtered the same way: the ledger reads these query keys.

/** Statuses of a problem not yet struck off (closed excluded): "整改中" in the headline sense. */
export const OPEN_STATUSES: readonly ProblemStatus[] = STATUSES.filter((s) => s !== 'closed');

export function ledgerPath(campaignId: string, filters: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const query = q.toString();
  return `/c/${encodeURIComponent(campaignId)}/ledger${query ? `?${query}` : ''}`;
}

/** 'M月D日' of a calendar day 'YYYY-MM-DD' (the heatmap's week labels). */
export function shortDay(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}
