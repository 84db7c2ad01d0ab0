// The problem endpoints, typed by the HTTP contract itself (api/*.ts): the shapes are `z.infer` of
// the server's own schemas, so the two sides cannot drift.
import type { z } from 'zod';
import type { CampaignDetailSchema } from '../../../api/campaigns';
import type { MyTasksSchema, RemindersResultSchema } from '../../../api/desk';
import type { LedgerPageSchema, LedgerRowSchema } from '../../../api/ledger';
import type { ActionResultSchema, EvidenceItemSchema, ProblemDetailSchema, ToldSchema, UpcomingEventSchema, UploadResultSchema } from '../../../api/problems';
import type { ActionName } from '../../../domain/problem-types';
import { api } from './client';

export type LedgerItem = z.infer<typeof LedgerRowSchema>;
export type LedgerPage = z.infer<typeof LedgerPageSchema>;
export type ProblemDetail = z.infer<typeof ProblemDetailSchema>;
export type ProblemState = ProblemDetail['state'];
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type UpcomingEvent = z.infer<typeof UpcomingEventSchema>;
export type Told = z.infer<typeof ToldSchema>;
export type ActionResult = z.infer<typeof ActionResultSchema>;
export type UploadResult = z.infer<typeof UploadResultSchema>;
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;

export type ReminderResult = z.infer<typeof RemindersResultSchema>;
export type MyTasks = z.infer<typeof MyTasksSchema>;

const c = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;
export const problemApi = (campaignId: string, no: number) => `${c(campaignId)}/problems/${no}`;

/** `…/evidence/{sha256}`: a download; `inline` asks for the in-page preview (images and PDF). */
export const evidenceUrl = (campaignId: string, no: number, sha256: string, inline = false) =>
  `${problemApi(campaignId, no)}/evidence/${sha256}${inline ? '?inline=1' : ''}`;

export const documentUrl = (campaignId: string, no: number, doc: 'closure-sheet' | 'supervision-notice') => `${problemApi(campaignId, no)}/${doc}.docx`;
export const exportUrl = (campaignId: string, query: string) => `${c(campaignId)}/export.xlsx${query ? `?${query}` : ''}`;
export const reportUrl = (campaignId: string) => `${c(campaignId)}/report.docx`;

export const getCampaign = (campaignId: string, signal?: AbortSignal) => api.get<CampaignDetail>(c(campaignId), { signal });

export const listProblems = (campaignId: string, query: URLSearchParams, signal?: AbortSignal) =>
  api.get<LedgerPage>(`${c(campaignId)}/problems?${query.toString()}`, { signal });

/** 我的任务; 待审核 reads its extension requests from it (the ledger cannot filter on them). */
export const getTasks = (campaignId: string, signal?: AbortSignal) => api.get<MyTasks>(`${c(campaignId)}/tasks`, { signal });

export const getProblem = (campaignId: string, no: number, signal?: AbortSignal) => api.get<ProblemDetail>(problemApi(campaignId, no), { signal });

export const sendAction = (campaignId: string, no: number, action: ActionName, body: object) =>
  api.post<ActionResult>(`${problemApi(campaignId, no)}/actions/${action}`, body);

export const sendReminders = (campaignId: string, nos: number[], text?: string) =>
  api.post<ReminderResult>(`${c(campaignId)}/reminders`, text ? { nos, text } : { nos });
