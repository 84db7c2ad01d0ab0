import type { NotifyInput } from '../db/queries/insert-notifications';
import type { RecordProblemInput } from '../db/queries/record-problem';
import type { CampaignStats } from '../domain/stats';

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
