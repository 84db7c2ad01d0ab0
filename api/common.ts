import { z } from 'zod';
import { idString } from '../domain/schemas';

// Pieces every route shares: the error body, path parameters, and text limits. Strings from the
// network are bounded everywhere: a megabyte "title" is an attack, not a title.

export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('InvalidInput, Unauthorized, PasswordChangeRequired, Forbidden, NotFound, InvalidState, Conflict, PayloadTooLarge, UnsupportedMediaType, Locked, RateLimited, Unavailable'),
    message: z.string().describe('给人看的中文说明'),
    fields: z.array(FieldErrorSchema),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const CampaignParamsSchema = z.object({ id: idString });
export const ProblemParamsSchema = z.object({
  id: idString,
  no: z.coerce.number({ invalid_type_error: '问题序号应为正整数' }).int('问题序号应为正整数').positive('问题序号应为正整数').max(1_000_000, '问题序号过大'),
});
export type ProblemParams = z.infer<typeof ProblemParamsSchema>;

/** A line of text typed by a person: trimmed, not empty, bounded. */
export const textField = (label: string, max = 2000) =>
  z
    .string({ required_error: `${label}必填`, invalid_type_error: `${label}应为文本` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 个字`);

/** Query-string flags: ?overdue=1, ?overdue=true. */
export const queryFlag = z
  .enum(['1', '0', 'true', 'false'], { errorMap: () => ({ message: '应为 true 或 false' }) })
  .transform((v) => v === '1' || v === 'true');
