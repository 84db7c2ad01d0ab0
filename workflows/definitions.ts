// Shared by workflows, worker and client: message definitions, names and payload types.
// Only sandbox-safe imports here (the workflow bundle includes this file).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ActionInput, ActionName, ProblemData } from '../domain/problem-types';
import type { NewProblem } from '../domain/problem';
import type { CampaignStats } from '../domain/stats';

export const TASK_QUEUE = 'rectify';


export const SearchAttributes = {
  campaign: defineSearchAttributeKey('RectifyCampaign', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('RectifyStatus', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('RectifyDepartment', SearchAttributeType.KEYWORD),
  warning: defineSearchAttributeKey('RectifyWarning', SearchAttributeType.KEYWORD),
  deadline: defineSearchAttributeKey('RectifyDeadline', SearchAttributeType.DATETIME),
} as const;
export const SEARCH_ATTRIBUTE_KEYS = Object.values(SearchAttributes);

export interface ProblemWorkflowInput {
  /** Present on first start. */
  create?: NewProblem;
  /** Present after continue-as-new: the state carried over; or a new problem's first step (`recorded`). */
  state?: ProblemData;
  /**
   * Everything in `state` is already in the database: loading the ledger wrote the first step
   * (domain/first-run.ts) with the activities' own queries, so the run starts with nothing to write.
   */
  recorded?: boolean;
  /** Continue-as-new once the history has this many events (tests lower it). */
  maxHistoryEvents?: number;
}

export interface ActionResult {
  status: ProblemData['status'];
  version: number;
  summary: string;
}

/** One update per action; the arguments are validated with the domain's zod schemas. */
export const actionUpdate = <A extends ActionName>(name: A) => defineUpdate<ActionResult, [ActionInput<A>]>(name);

export const updates = {
  claim: actionUpdate('claim'),
  planMeasures: actionUpdate('planMeasures'),
  submitPlan: actionUpdate('submitPlan'),
  decidePlan: actionUpdate('decidePlan'),
  completeMeasure: actionUpdate('completeMeasure'),
  reportProgress: actionUpdate('reportProgress'),
  requestExtension: actionUpdate('requestExtension'),
  decideExtension: actionUpdate('decideExtension'),
  requestClosure: actionUpdate('requestClosure'),
  reviewClosure: actionUpdate('reviewClosure'),
  verifyClosure: actionUpdate('verifyClosure'),
  approveClosure: actionUpdate('approveClosure'),
  markPhaseComplete: actionUpdate('markPhaseComplete'),
  confirmLookBack: actionUpdate('confirmLookBack'),
  reopen: actionUpdate('reopen'),
  // Added after histories were recorded: registering a handler writes no command, so no patch.
  remind: actionUpdate('remind'),
} as const satisfies { [A in ActionName]: unknown };

export const stateQuery = defineQuery<ProblemData>('state');

export interface CampaignWorkflowInput {
  campaignId: string;
  concentratedPeriodEnd: string;
  office: { id: string; name: string }[];
  notifyHour: number;
}

export const campaignStatsQuery = defineQuery<CampaignStats | null>('stats');

/** "The outbox grew" (sent by the notify activity) or "a message was queued for resending". */
export const wakeSignal = defineSignal('wake');

export interface DeliveryDispatcherInput {
  /** Look at the outbox at least this often even without a wake signal (default 10 minutes). */
  pollEveryMs?: number;
  /** Continue-as-new once the history has this many events (tests lower it). */
  maxHistoryEvents?: number;
  /** Carried over continue-as-new: recent send starts per lane, for the rate limits. */
  lanes?: Record<string, number[]>;
  /** Carried over continue-as-new: when to look at the weekly digests next (ms). */
  nextWeeklyAt?: number;
}
