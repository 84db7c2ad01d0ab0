// The desk's own read models (我的任务, 总览, 督办中心, the bell), typed by the HTTP contract itself:
// every shape is `z.infer` of api/desk.ts, so the page and the server cannot drift apart.
import type { z } from 'zod';
import type { MyTasksSchema, NotificationsSchema, OverviewSchema, SupervisionListSchema, SupervisionRowSchema } from '../../../api/desk';
import { api } from './client';

export type MyTasks = z.infer<typeof MyTasksSchema>;
export type TaskProblem = MyTasks['toClaim']['items'][number];
export type DueMeasure = MyTasks['measuresDue']['items'][number];
export type ReturnedItem = MyTasks['returned']['items'][number];
export type WaitingItem = MyTasks['waitingForMe']['items'][number];
export type Overview = z.infer<typeof OverviewSchema>;
export type SupervisionList = z.infer<typeof SupervisionListSchema>;
export type SupervisionRow = z.infer<typeof SupervisionRowSchema>;
export type Notifications = z.infer<typeof NotificationsSchema>;
export type NotificationItem = Notifications['items'][number];

const c = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;

export const getTasks = (campaignId: string, signal?: AbortSignal) => api.get<MyTasks>(`${c(campaignId)}/tasks`, { signal });
export const getOverview = (campaignId: string, signal?: AbortSignal) => api.get<Overview>(`${c(campaignId)}/overview`, { signal });
export const getSupervision = (campaignId: string, signal?: AbortSignal) => api.get<SupervisionList>(`${c(campaignId)}/supervision`, { signal });

export function getNotifications(campaignId: string | undefined, signal?: AbortSignal): Promise<Notifications> {
  const q = new URLSearchParams({ limit: '20' });
  if (campaignId) q.set('campaignId', campaignId);
  return api.get<Notifications>(`/api/notifications?${q.toString()}`, { signal });
}

/** Marks some (or, with 'all', every) notification of the signed-in person as read. */
export const markRead = (ids: number[] | 'all', campaignId?: string) =>
  api.post<{ marked: number }>('/api/notifications/read', ids === 'all' && campaignId ? { ids, campaignId } : { ids });
