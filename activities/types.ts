import type { HistoryEntry, OutgoingNotification, ProblemData } from '../domain/problem-types';
import type { CampaignStats } from '../workflows/definitions';

/** The projection needs everything but the workflow's own bookkeeping. */
export type ProblemSnapshot = Omit<ProblemData, 'history' | 'sent'>;

export interface RecordProblemInput {
  workflowId: string;
  snapshot: ProblemSnapshot;
  /** History entries not yet written; rows are keyed by (workflowId, seq) so a retry adds none. */
  audit: HistoryEntry[];
}

export interface NotifyInput {
  campaignId: string;
  problemNo?: number;
  workflowId: string;
  notifications: OutgoingNotification[];
}

export interface SnapshotInput {
  campaignId: string;
  kind: string;
}

/** What the workflows call; built by createActivities(db) in activities/index.ts. */
export interface RectifyActivities {
  recordProblem(input: RecordProblemInput): Promise<void>;
  notify(input: NotifyInput): Promise<number>;
  writeCampaignSnapshot(input: SnapshotInput): Promise<CampaignStats>;
}
