import { listCampaigns } from '../../api/campaigns';
import { getCampaign } from '../../api/problems';
import type { CampaignSummary } from '../../api/types';
import { useLoad } from '../../api/useLoad';

export interface Person {
  id: string;
  name: string;
  department: string | null;
}

export interface Directory {
  campaigns: CampaignSummary[];
  /** Every department of every loaded ledger, sorted. */
  departments: string[];
  /** Every person of every loaded ledger, once per id (ids are the same across campaigns). */
  people: Person[];
}

/** The loaded ledgers' people and departments: what the account forms offer to pick from. */
export function useDirectory(key: number) {
  return useLoad<Directory>(`directory:${key}`, async (signal) => {
    const campaigns = await listCampaigns(signal);
    const details = await Promise.all(campaigns.map((c) => getCampaign(c.id, signal)));
    const people = new Map<string, Person>();
    for (const p of details.flatMap((d) => d.people)) if (!people.has(p.id)) people.set(p.id, { id: p.id, name: p.name, department: p.department });
    const departments = [...new Set(details.flatMap((d) => d.departments))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return { campaigns, departments, people: [...people.values()] };
  });
}
