// The activities the workflows call, as types: the workflows own this contract and import it by
// type only; activities/ implements it (and may use services/, which the sandbox never sees).
import type { NotifyInput } from '../db/queries/insert-notifications';
import type { RecordProblemInput } from '../db/queries/record-problem';
import type { CampaignStats } from '../domain/stats';

export interface SnapshotInput {
  campaignId: string;
  kind: string;
}

export interface RecordWithNoticesInput extends RecordProblemInput {
  /** Notices to the problem's people and, filed under the campaign, to the office. */
  notices: NotifyInput[];
}

/** What the workflows call; built by createActivities(db) in activities/index.ts. */
export interface RectifyActivities {
  recordProblem(input: RecordProblemInput): Promise<void>;
  notify(input: NotifyInput): Promise<number>;
  /** Both of the above in one activity (behind the 'one-write-per-flush' patch): outbox rows added. */
  recordProblemWithNotices(input: RecordWithNoticesInput): Promise<number>;
  writeCampaignSnapshot(input: SnapshotInput): Promise<CampaignStats>;
}

/** A message the dispatcher may send now, on its lane (one robot, or the SMTP pool). */
export interface DueSend {
  id: number;
  lane: string;
  urgent: boolean;
}

export interface PrepareResult {
  /** Urgent first, then oldest. */
  due: DueSend[];
  /** More are due than were listed: ask again once these are under way. */
  more: boolean;
  /** When the next waiting delivery falls due (ms), or null. */
  nextAt: number | null;
}

/** The delivery engine's activities (activities/delivery.ts), run by the dispatcher workflow. */
export interface DeliveryActivities {
  /** Expands new outbox rows into deliveries, composes due messages, lists what to send. */
  prepareDeliveries(input: { now: number; exclude: number[] }): Promise<PrepareResult>;
  /** Queues the weekly digests whose time has come; returns when to look again (ms). */
  queueWeeklyDigests(input: { now: number }): Promise<number>;
  /** Sends one message; 'skipped' when it was already sent (a repeated attempt). */
  sendMessage(input: { messageId: number }): Promise<'sent' | 'skipped'>;
  /** Records a message failed when its attempts ended without an answer (timeouts). */
  abandonMessage(input: { messageId: number; reason: string }): Promise<void>;
}
