import { getCampaign, type CampaignDetail } from './problems';
import { useLoad, type Loaded } from './useLoad';

// Departments, people and the extension approver change only with a new ledger import: one request
// per campaign per page load is enough, shared by every page and form that needs them.
const cache = new Map<string, Promise<CampaignDetail>>();

function cached(campaignId: string): Promise<CampaignDetail> {
  let p = cache.get(campaignId);
  if (!p) {
    p = getCampaign(campaignId);
    cache.set(campaignId, p);
    // A failed load is not remembered: the next page tries again.
    p.catch(() => cache.delete(campaignId));
  }
  return p;
}

export function useCampaignDetail(campaignId: string): Loaded<CampaignDetail> {
  return useLoad(campaignId, () => cached(campaignId));
}
