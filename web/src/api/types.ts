// Response shapes the app reads that have no shared home yet. When api/ publishes its zod schemas,
// replace these with `z.infer` of them so the two sides cannot drift.
export type { AccountRole, Me } from '../../../domain/accounts';

export interface CampaignSummary {
  id: string;
  name: string;
  organisation?: string;
}
