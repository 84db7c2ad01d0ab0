import { z } from 'zod';

export const CampaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  feedbackDate: z.string(),
  concentratedPeriodEnd: z.string(),
});
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

export const CampaignListSchema = z.object({ items: z.array(CampaignSummarySchema) });

export const CampaignDetailSchema = CampaignSummarySchema.extend({
  inspectionTeam: z.string(),
  inspectionStart: z.string(),
  inspectionEnd: z.string(),
  departments: z.array(z.string()),
  aspects: z.array(z.object({ no: z.number(), title: z.string() })),
  people: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), department: z.string().nullable() })),
  /** Who approves extensions under this campaign's policy. */
  extensionApprover: z.enum(['head', 'office']),
});
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;
