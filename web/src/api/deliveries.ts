// 发送情况: where notifications went (office), typed by the HTTP contract (api/deliveries.ts).
import type { z } from 'zod';
import type { DeliveryListSchema, ResendResultSchema } from '../../../api/deliveries';
import { api } from './client';

export type DeliveryList = z.infer<typeof DeliveryListSchema>;
export type DeliveryItem = DeliveryList['items'][number];
export type { DeliveryMark } from '../../../api/deliveries';

export function getDeliveries(campaignId: string, q: { status?: string; problem?: number }, signal?: AbortSignal): Promise<DeliveryList> {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.problem !== undefined) params.set('problem', String(q.problem));
  return api.get<DeliveryList>(`/api/campaigns/${encodeURIComponent(campaignId)}/deliveries?${params.toString()}`, { signal });
}

export const resendDelivery = (id: number) => api.post<z.infer<typeof ResendResultSchema>>(`/api/deliveries/${id}/resend`);
