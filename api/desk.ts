import { z } from 'zod';
import { ProblemKind, dateString, idString } from '../domain/schemas';
import { REMIND_MAX_LENGTH, STATUSES } from '../domain/problem-types';
import { LedgerQuerySchema } from './ledger';

// The desk's own pages: 我的任务, 总览, 督办中心, the header bell, the office's bulk 催办 and the
// documents' query strings. Times are ISO strings, calendar days 'YYYY-MM-DD' (Asia/Shanghai).

const Person = z.object({ id: z.string(), name: z.string() });
const Warning = z.enum(['none', 'yellow', 'red']);
const Status = z.enum(STATUSES);
/** A list capped at a few hundred rows; `total` counts them all, so the page can say "N more". */
const capped = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number() });

// ---- GET /api/campaigns/{id}/tasks -------------------------------------------------------------

export const TaskProblemSchema = z.object({
  no: z.number(),
  title: z.string(),
  kind: ProblemKind,
  owner: z.string(),
  ownerName: z.string(),
  deadline: z.string().nullable(),
  daysLeft: z.number().nullable().describe('整改时限 − 今天；已逾期为负数'),
  warning: Warning,
  lastActionAt: z.string().nullable(),
});

export const DueMeasureSchema = z.object({
  no: z.number(),
  title: z.string(),
  measureId: z.string(),
  text: z.string(),
  owner: z.string(),
  ownerName: z.string(),
  due: z.string(),
  daysLeft: z.number(),
});

export const ReturnedItemSchema = z.object({
  no: z.number(),
  title: z.string(),
  action: z.string().describe('decidePlan、reviewClosure、verifyClosure、approveClosure 或 decideExtension'),
  reason: z.string(),
  at: z.string(),
  by: Person,
});

export const WaitingItemSchema = z.object({
  no: z.number(),
  title: z.string(),
  department: z.string(),
  status: Status,
  kind: z.enum(['plan', 'closure-review', 'verification', 'final-approval', 'extension']),
  since: z.string().nullable(),
});

export const MyTasksSchema = z.object({
  toClaim: capped(TaskProblemSchema).describe('待认领（科室）'),
  toPlan: capped(TaskProblemSchema).describe('待制定措施（科室）'),
  measuresDue: capped(DueMeasureSchema).describe('未完成的措施，最紧迫的在前（科室）'),
  returned: capped(ReturnedItemSchema).describe('被退回、附理由（科室）'),
  waitingForMe: capped(WaitingItemSchema).describe('等我审批、核验的事项，等得最久的在前'),
});
export type MyTasksBody = z.infer<typeof MyTasksSchema>;

// ---- GET /api/campaigns/{id}/overview ----------------------------------------------------------

export const OverviewSchema = z.object({
  byStatus: z.record(Status, z.number()),
  byDepartment: z.array(
    z.object({ department: z.string(), total: z.number(), closed: z.number(), open: z.number(), overdue: z.number(), yellow: z.number(), red: z.number() }),
  ),
  overdueHeatmap: z.object({
    weeks: z.array(z.string()).describe('每周的周一'),
    departments: z.array(z.string()),
    cells: z.array(z.object({ department: z.string(), week: z.string(), count: z.number() })).describe('只含非零格'),
  }),
  dueSoon: capped(z.object({ no: z.number(), title: z.string(), department: z.string(), deadline: z.string(), daysLeft: z.number(), status: Status })),
  period: z.object({
    feedbackDate: z.string(),
    concentratedPeriodEnd: z.string(),
    today: z.string(),
    daysTotal: z.number(),
    daysElapsed: z.number(),
    problems: z.number(),
    closed: z.number(),
    measures: z.number(),
    measuresDone: z.number(),
  }),
});
export type OverviewBody = z.infer<typeof OverviewSchema>;

// ---- GET /api/campaigns/{id}/supervision -------------------------------------------------------

export const SupervisionRowSchema = z.object({
  no: z.number(),
  title: z.string(),
  department: z.string(),
  responsibleLeader: Person,
  owner: Person,
  deadline: z.string().nullable(),
  daysOverdue: z.number(),
  warning: z.enum(['yellow', 'red']),
  noticeNo: z.number().nullable().describe('督办单序号（本巡察整改内首次红牌的先后）'),
  noticeDate: z.string().nullable(),
  noticeNumber: z.string().nullable().describe('督办单编号，如 督办〔2025〕第3号'),
  told: z.array(z.object({ kind: z.string(), title: z.string(), recipients: z.array(Person), at: z.string() })),
});
export const SupervisionListSchema = capped(SupervisionRowSchema);
export type SupervisionListBody = z.infer<typeof SupervisionListSchema>;

// ---- the header bell ---------------------------------------------------------------------------

const positiveInt = (label: string, max: number) =>
  z.coerce.number({ invalid_type_error: `${label}应为正整数` }).int(`${label}应为正整数`).min(1, `${label}应为正整数`).max(max, `${label}最大为 ${max}`);

export const NotificationsQuerySchema = z
  .object({
    campaignId: idString.optional(),
    limit: positiveInt('条数', 100).default(20),
    beforeId: positiveInt('起始编号', Number.MAX_SAFE_INTEGER).optional().describe('翻页：只要编号小于它的通知'),
  })
  .strict('包含未知的查询参数');

export const NotificationItemSchema = z.object({
  id: z.number(),
  campaignId: z.string(),
  problemNo: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationsSchema = z.object({ items: z.array(NotificationItemSchema), unreadCount: z.number() });
export type NotificationsBody = z.infer<typeof NotificationsSchema>;

export const MarkReadBodySchema = z
  .object({
    ids: z
      .union([z.array(z.number().int().positive()).min(1).max(500), z.literal('all')], {
        errorMap: () => ({ message: '应为 1 到 500 个通知编号（正整数），或 "all"（全部标为已读）' }),
      })
      .describe('通知编号，或 "all"'),
    campaignId: idString.optional().describe('与 "all" 一起用：只标记这个巡察整改的通知'),
  })
  .strict('包含未知字段');
export const MarkReadResultSchema = z.object({ marked: z.number().describe('标为已读的条数（别人的、已读的不计）') });

// ---- POST /api/campaigns/{id}/reminders --------------------------------------------------------

export const RemindersBodySchema = z
  .object({
    nos: z
      .array(z.number({ invalid_type_error: '问题序号应为正整数' }).int('问题序号应为正整数').positive('问题序号应为正整数'), {
        required_error: '请选择要催办的问题',
        invalid_type_error: '问题序号应为数组',
      })
      .min(1, '请至少选择一个问题')
      .max(500, '一次最多催办 500 个问题'),
    text: z.string({ invalid_type_error: '催办内容应为文本' }).trim().max(REMIND_MAX_LENGTH, `催办内容最多 ${REMIND_MAX_LENGTH} 字`).optional(),
  })
  .strict('包含未知字段');
export const RemindersResultSchema = z.object({
  sent: z.array(z.number()).describe('已催办的问题序号'),
  refused: z.array(z.object({ no: z.number(), code: z.string(), message: z.string() })).describe('未能催办的问题及原因'),
});
export type RemindersResult = z.infer<typeof RemindersResultSchema>;

// ---- documents ---------------------------------------------------------------------------------

/** The ledger page's filters and sort, without paging: the export is what the list shows. */
export const ExportQuerySchema = LedgerQuerySchema.omit({ page: true, pageSize: true });
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

export const ReportQuerySchema = z.object({ asOf: dateString.optional().describe('统计截至日期，也是落款日期（默认今天）') }).strict('包含未知的查询参数');
