// 通知设置 and 群机器人, typed by the HTTP contract (api/contacts.ts) through z.infer.
import type { z } from 'zod';
import type { ContactViewSchema, RobotListSchema, RobotSchema } from '../../../api/contacts';
import type { ContactInput, RobotCreateInput, RobotPatchInput } from '../../../domain/contact-forms';
import { api, request } from './client';

export type ContactView = z.infer<typeof ContactViewSchema>;
export type Robot = z.infer<typeof RobotSchema>;
export type RobotList = z.infer<typeof RobotListSchema>;

export const getMyContact = (signal?: AbortSignal) => api.get<ContactView>('/api/me/contact', { signal });
export const putMyContact = (body: ContactInput) => request<ContactView>('PUT', '/api/me/contact', body);

const robots = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/robots`;
export const listRobots = (campaignId: string, signal?: AbortSignal) => api.get<RobotList>(robots(campaignId), { signal });
export const createRobot = (campaignId: string, body: RobotCreateInput) => api.post<Robot>(robots(campaignId), body);
export const patchRobot = (campaignId: string, id: number, body: RobotPatchInput) => request<Robot>('PATCH', `${robots(campaignId)}/${id}`, body);
export const deleteRobot = (campaignId: string, id: number) => request<void>('DELETE', `${robots(campaignId)}/${id}`);
