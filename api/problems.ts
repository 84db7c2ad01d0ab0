import { z } from 'zod';
import type { ActionName, ProblemData } from '../domain/problem-types';
import { ActionSchemas } from '../domain/problem-types';
import { STATUSES } from '../domain/problem-types';
import { OutcomesSchema } from '../domain/outcomes';
import { LedgerRowSchema } from './ledger';
import { textField } from './common';
import { DeliveryMarkSchema } from './deliveries';

// One problem in full, and the bodies of the lifecycle actions. The actor is never in a body: the
// server puts the signed-in person there, and the workflow checks that person's role and remit.

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 应为 64 位十六进制小写字符串');

export const EvidenceItemSchema = z.object({
  measureId: z.string(),
  seq: z.number(),
  kind: z.enum(['file', 'text']),
  name: z.string().nullable(),
  size: z.number().nullable(),
  sha256,
  mime: z.string().nullable(),
  text: z.string().nullable(),
  /** The bytes are kept (uploaded through the desk or the CLI); older evidence may be a hash only. */
  stored: z.boolean(),
  /** Images and PDF may be previewed in the page. */
  inline: z.boolean(),
});
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

export const UpcomingEventSchema = z.object({
  key: z.string(),
  type: z.string(),
  label: z.string(),
  at: z.string(),
  date: z.string(),
  days: z.number(),
  recipients: z.array(z.object({ id: z.string(), name: z.string() })),
  title: z.string(),
  note: z.string().optional().describe('日期因节假日或周末调整的说明'),
});

export const ToldSchema = z.object({
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
  recipients: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Where it went and whether it arrived (email, robots), one mark per recipient and channel. */
  deliveries: z.array(DeliveryMarkSchema).default([]),
});

export const ProblemDetailSchema = z.object({
  row: LedgerRowSchema,
  /** The workflow's live state (its query), history included. */
  state: z.custom<Omit<ProblemData, 'sent'>>((v) => typeof v === 'object' && v !== null).describe('工作流实时状态（含全部历史）'),
  upcoming: z.array(UpcomingEventSchema).describe('即将触发的提醒和预警'),
  actions: z.array(z.string()).describe('当前用户现在可以执行的操作'),
  evidence: z.array(EvidenceItemSchema),
  told: z.array(ToldSchema).describe('已发出的提醒、预警和督办'),
});
export type ProblemDetail = z.infer<typeof ProblemDetailSchema>;

/** Evidence in a completeMeasure body: an uploaded file by its hash, or a text. */
export const EvidenceRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), sha256 }).strict('包含未知字段'),
  z.object({ kind: z.literal('text'), text: textField('佐证说明') }).strict('包含未知字段'),
], { errorMap: () => ({ message: '佐证材料应为已上传的文件（kind: file, sha256）或文字说明（kind: text, text）' }) });

const CompleteMeasureBody = z
  .object({
    measureId: z.string({ required_error: '措施编号必填' }).trim().min(1, '措施编号必填').max(20, '措施编号过长'),
    evidence: z.array(EvidenceRefSchema).min(1, '完成措施必须附佐证材料').max(50, '一次最多 50 件佐证材料'),
    outcomes: OutcomesSchema.partial().strict('包含未知的成效数字').default({}),
  })
  .strict('包含未知字段');

/** The domain's schema minus the actor: the same rules, and nothing the server fills in. */
function bodyOf(schema: z.ZodTypeAny): z.ZodTypeAny {
  const object = (schema instanceof z.ZodEffects ? schema.innerType() : schema) as z.AnyZodObject;
  return object.omit({ actor: true }).strict('包含未知字段');
}

export const ACTION_NAMES = Object.keys(ActionSchemas) as ActionName[];

export const ActionBodySchemas: Record<ActionName, z.ZodTypeAny> = Object.fromEntries(
  ACTION_NAMES.map((a) => [a, a === 'completeMeasure' ? CompleteMeasureBody : bodyOf(ActionSchemas[a])]),
) as Record<ActionName, z.ZodTypeAny>;

export const ActionResultSchema = z.object({
  status: z.enum(STATUSES).optional().describe('操作后的状态；仅在已受理但暂时无法读取工作流状态时（如 Temporal 重启）缺省'),
  version: z.number().optional().describe('操作后的版本；缺省情形同上'),
  summary: z.string(),
  recorded: z.boolean().describe('true：台账已更新；false：操作已生效，台账稍后自动补记（数据库或 Temporal 暂时不可用）'),
});

export const UploadResultSchema = z.object({ sha256, name: z.string(), size: z.number(), mime: z.string() });
