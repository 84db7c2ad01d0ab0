import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useMatch } from 'react-router-dom';
import { listCampaigns } from '../api/campaigns';
import type { CampaignSummary } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { seesProblems } from '../auth/roles';

interface Campaigns {
  /** undefined while loading. */
  campaigns: CampaignSummary[] | undefined;
  error: unknown;
  reload(): void;
  /** The campaign in the URL, or the last one shown (so /admin keeps the menu's campaign links). */
  currentId: string | undefined;
}

const CampaignsContext = createContext<Campaigns | null>(null);

export function CampaignsProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const inUrl = useMatch('/c/:campaignId/*')?.params.campaignId;
  const [lastId, setLastId] = useState<string | undefined>();

  useEffect(() => {
    if (inUrl !== undefined) setLastId(inUrl);
  }, [inUrl]);

  useEffect(() => {
    // Admin sees no problem data, hence no campaigns to work in.
    if (!seesProblems(me.role)) {
      setCampaigns([]);
      return;
    }
    const ac = new AbortController();
    setError(null);
    listCampaigns(ac.signal).then(setCampaigns, (e: unknown) => {
      if (!ac.signal.aborted) setError(e);
    });
    return () => ac.abort();
  }, [me.role, attempt]);

  const reload = useCallback(() => {
    setCampaigns(undefined);
    setAttempt((n) => n + 1);
  }, []);

  // An unknown id in the URL (a 404 page) must not become the menu's campaign.
  const known = (id: string | undefined) => id !== undefined && (campaigns === undefined || campaigns.some((c) => c.id === id));
  const currentId = [inUrl, lastId, campaigns?.[0]?.id].find(known);
  const value: Campaigns = { campaigns, error, reload, currentId };
  return <CampaignsContext.Provider value={value}>{children}</CampaignsContext.Provider>;
}

export function useCampaigns(): Campaigns {
  const c = useContext(CampaignsContext);
  if (!c) throw new Error('useCampaigns outside <CampaignsProvider>');
  return c;
}
