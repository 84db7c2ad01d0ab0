import { z } from 'zod';
import type { CalendarDate } from './dates';
import type { DeadlinePolicy } from './policy';
import { OutcomesSchema, type Outcomes } from './outcomes';
import { dateString, idString, MeasureInputSchema, ProblemKind } from './schemas';

export const STATUSES = [
  'assigned',
  'planning',
  'plan_review',
  'in_progress',
  'leader_review',
  'office_verification',
  'head_approval',
  'phase_complete',
  'closed',
] as const;
export type ProblemStatus = (typeof STATUSES)[number];

/** Told with an action's answer when the workflow applied it but the ledger has not caught up yet. */
export const ACCEPTED_NOT_RECORDED = '已受理：操作已生效，台账暂未更新完毕（系统繁忙或正在恢复），稍后自动补记，无需重复提交';

export const STATUS_LABEL: Record<ProblemStatus, string> = {
  assigned: '待认领',
  planning: '制定措施中',
  plan_review: '措施待审批',
  in_progress: '整改中',
  leader_review: '待责任领导审核',
  office_verification: '待办公室核验',
  head_approval: '待组长审批',
  phase_complete: '阶段性完成',
  closed: '已销号',
};

export type WarningLevel = 'none' | 'yellow' | 'red';
export const WARNING_LABEL: Record<WarningLevel, string> = { none: '无', yellow: '黄牌', red: '红牌' };

export interface PersonRef {
  id: string;
  name: string;
}

/** Who may do what on one problem, fixed when the ledger is loaded. */
export interface Remit {
  head: PersonRef;
  office: PersonRef[];
  leader: PersonRef;
  department: string;
  departmentMembers: PersonRef[];
  owner: PersonRef;
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 应为 64 位十六进制小写字符串');
export const EvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    name: z.string().trim().min(1, '文件名不能为空'),
    size: z.number().int().min(0),
    sha256,
    mime: z.string().optional(),
  }),
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1, '佐证说明不能为空'), sha256 }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export interface Measure {
  id: string;
  text: string;
  owner: string;
  due: CalendarDate;
  done: boolean;
  completedAt?: string;
  completedBy?: string;
  evidence: Evidence[];
  outcomes: Outcomes;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: PersonRef | { id: 'system'; name: '系统' };
  action: string;
  summary: string;
  before: { status: ProblemStatus; deadline?: CalendarDate; warning: WarningLevel };
  after: { status: ProblemStatus; deadline?: CalendarDate; warning: WarningLevel };
  reason?: string;
}

export interface OutgoingNotification {
  dedupeKey: string;
  kind: string;
  recipients: PersonRef[];
  title: string;
  body: string;
}

/** The workflow's whole state: plain data, so it survives continue-as-new unchanged. */
export interface ProblemData {
  campaignId: string;
  no: number;
  aspect: number;
  title: string;
  description: string;
  kind: ProblemKind;
  remit: Remit;
  policy: DeadlinePolicy;
  status: ProblemStatus;
  originalDeadline?: CalendarDate;
  deadline?: CalendarDate;
  warning: WarningLevel;
  measures: Measure[];
  nextMeasureNo: number;
  pendingExtension?: { by: PersonRef; until: CalendarDate; reason: string; at: string };
  progressReports: { at: string; by: PersonRef; text: string }[];
  startedOn: CalendarDate;
  closedOn?: CalendarDate;
  lookBackDone: boolean;
  reopenCount: number;
  /**
   * Scheduled notices follow China's working days with holiday data up to this year
   * (domain/calendar.ts); absent: calendar days. Set by the workflow behind a patch, so runs
   * recorded before the calendar existed replay unchanged.
   */
  calendarThrough?: number;
  /**
   * Notices overdue at a start or wake-up collapse to one per ladder and state today's figures
   * (domain/policy.ts collapseDue). Set by the workflow behind a patch, like calendarThrough.
   */
  catchUp?: true;
  sent: string[];
  history: HistoryEntry[];
  version: number;
}

// ---- Action payloads: validated with zod at every boundary (CLI and workflow validators). ----
const actor = z.string({ required_error: '操作人必填' }).trim().min(1, '操作人必填');
const reason = z.string({ required_error: '理由必填' }).trim().min(1, '理由不能为空');
const decision = z.object({ actor, approve: z.boolean(), reason: z.string().trim().optional() }).refine((d) => d.approve || !!d.reason, {
  message: '退回或不同意时必须填写理由',
  path: ['reason'],
});

export const REMIND_MAX_LENGTH = 500;
export const REMIND_DEFAULT_TEXT = '请抓紧推进整改，按时限完成并上传佐证材料。';

export const ActionSchemas = {
  claim: z.object({ actor }),
  planMeasures: z.object({ actor, measures: z.array(MeasureInputSchema).min(1, '至少一条整改措施') }),
  submitPlan: z.object({ actor }),
  decidePlan: decision,
  completeMeasure: z.object({
    actor,
    measureId: z.string().trim().min(1, '措施编号必填'),
    evidence: z.array(EvidenceSchema).min(1, '完成措施必须附佐证材料'),
    outcomes: OutcomesSchema.partial().default({}),
  }),
  reportProgress: z.object({ actor, text: z.string().trim().min(1, '进展说明不能为空') }),
  requestExtension: z.object({ actor, until: dateString, reason }),
  decideExtension: decision,
  requestClosure: z.object({ actor }),
  reviewClosure: decision,
  verifyClosure: decision,
  approveClosure: decision,
  markPhaseComplete: z.object({ actor }),
  confirmLookBack: z.object({ actor }),
  reopen: z.object({ actor, reason, deadline: dateString }),
  remind: z.object({
    actor,
    // An empty text means "say the usual": the office rarely has more to add than a nudge.
    text: z
      .string({ invalid_type_error: '催办内容应为文本' })
      .trim()
      .max(REMIND_MAX_LENGTH, `催办内容最多 ${REMIND_MAX_LENGTH} 字`)
      .optional()
      .transform((t) => t || REMIND_DEFAULT_TEXT),
  }),
} as const;

export type ActionName = keyof typeof ActionSchemas;
/** Every action, in lifecycle order (the order of ActionSchemas). */
export const ACTION_NAMES = Object.keys(ActionSchemas) as ActionName[];
export type ActionInput<A extends ActionName> = z.input<(typeof ActionSchemas)[A]>;
export type ActionArgs<A extends ActionName> = z.output<(typeof ActionSchemas)[A]>;

export const ACTION_LABEL: Record<ActionName, string> = {
  claim: '认领',
  planMeasures: '制定整改措施',
  submitPlan: '提交整改措施',
  decidePlan: '审批整改措施',
  completeMeasure: '完成整改措施',
  reportProgress: '报送进展',
  requestExtension: '申请延期',
  decideExtension: '审批延期',
  requestClosure: '申请销号',
  reviewClosure: '责任领导审核',
  verifyClosure: '办公室核验',
  approveClosure: '组长审批',
  markPhaseComplete: '阶段性完成',
  confirmLookBack: '回头看确认',
  reopen: '反弹重新整改',
  remind: '催办',
};

export { idString };

/** Labels of the scheduled events the workflow records in the history as the system. */
export const EVENT_LABEL: Record<string, string> = {
  reminder: '到期提醒',
  'due-today': '到期通知',
  'warning-yellow': '黄牌预警',
  'warning-red': '红牌预警、督办',
  'overdue-weekly': '逾期提醒',
  'progress-request': '进展催报',
  'look-back': '回头看提醒',
  /** A history entry, not a notice: an event superseded at catch-up and not sent. */
  'event-skipped': '通知未发送（已合并）',
};

/** What a history entry's action is called for people: a person's action or a scheduled event. */
export function actionLabel(action: string): string {
  return (ACTION_LABEL as Record<string, string>)[action] ?? EVENT_LABEL[action] ?? action;
}
