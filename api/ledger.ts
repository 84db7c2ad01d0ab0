import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, LEDGER_SORTS, MAX_PAGE_SIZE } from '../domain/ledger';
import { OUTCOME_KEYS } from '../domain/outcomes';
import { STATUSES } from '../domain/problem-types';
import { dateString, ProblemKind } from '../domain/schemas';
import { queryFlag } from './common';

// GET /api/campaigns/{id}/problems: the ledger from the projection, filtered, sorted and paged on
// the server. Every filter the pages put in their URL is one of these query parameters.

const statusList = z
  .string()
  .max(400, '状态过多')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(STATUSES, { errorMap: () => ({ message: `状态应为 ${STATUSES.join('、')} 之一` }) })));

export const LedgerQuerySchema = z
  .object({
    status: statusList.optional().describe('逗号分隔的状态，如 in_progress,leader_review'),
    department: z.string().trim().min(1).max(100, '科室名称过长').optional(),
    kind: ProblemKind.optional(),
    warning: z.enum(['none', 'yellow', 'red'], { errorMap: () => ({ message: '预警应为 none、yellow 或 red' }) }).optional(),
    overdue: queryFlag.optional(),
    dueWithinDays: z.coerce.number({ invalid_type_error: '应为天数' }).int('应为整数天').min(0, '不能为负数').max(366, '最多 366 天').optional(),
    deadlineFrom: dateString.optional(),
    deadlineTo: dateString.optional(),
    q: z.string().trim().max(100, '搜索词最多 100 个字').optional().describe('问题标题或描述中的文字，或问题序号'),
    sort: z.enum(LEDGER_SORTS, { errorMap: () => ({ message: `排序应为 ${LEDGER_SORTS.join('、')} 之一` }) }).default('no'),
    order: z.enum(['asc', 'desc'], { errorMap: () => ({ message: '顺序应为 asc 或 desc' }) }).default('asc'),
    page: z.coerce.number({ invalid_type_error: '页码应为正整数' }).int('页码应为正整数').min(1, '页码应为正整数').max(1_000_000, '页码过大').default(1),
    pageSize: z.coerce
      .number({ invalid_type_error: '每页条数应为正整数' })
      .int('每页条数应为正整数')
      .min(1, '每页至少 1 条')
      .max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`)
      .default(DEFAULT_PAGE_SIZE),
  })
  .strict('包含未知的查询参数');
export type LedgerQueryParams = z.infer<typeof LedgerQuerySchema>;

export const LedgerRowSchema = z.object({
  no: z.number(),
  aspectNo: z.number(),
  title: z.string(),
  kind: ProblemKind,
  responsibleLeader: z.string(),
  responsibleLeaderName: z.string(),
  department: z.string(),
  owner: z.string(),
  ownerName: z.string(),
  originalDeadline: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(STATUSES),
  warning: z.enum(['none', 'yellow', 'red']),
  version: z.number(),
  closedOn: z.string().nullable(),
  lastAction: z.string().nullable(),
  lastActionAt: z.string().nullable(),
  measuresTotal: z.number(),
  measuresDone: z.number(),
  daysOverdue: z.number(),
  outcomes: z.object(Object.fromEntries(OUTCOME_KEYS.map((k) => [k, z.number()])) as Record<(typeof OUTCOME_KEYS)[number], z.ZodNumber>),
});
export type LedgerItem = z.infer<typeof LedgerRowSchema>;

export const LedgerPageSchema = z.object({
  items: z.array(LedgerRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type LedgerPageBody = z.infer<typeof LedgerPageSchema>;
