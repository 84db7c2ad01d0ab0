import { api } from './client';
import type { CampaignSummary } from './types';

/** GET /api/campaigns; accepts a bare list or `{ items }` until api/ fixes the shape. */
export async function listCampaigns(signal?: AbortSignal): Promise<CampaignSummary[]> {
  const body = await api.get<CampaignSummary[] | { items: CampaignSummary[] }>('/api/campaigns', { signal });
  return Array.isArray(body) ? body : body.items;
}
