import { z } from 'zod';
import { isValidDate } from './dates';
import { UserError } from './errors';
import { DeadlinePolicySchema } from './policy';

export const dateString = z
  .string({ required_error: '必填', invalid_type_error: '应为日期字符串' })
  .refine(isValidDate, (s) => ({ message: `"${s}" 不是有效日期（格式 YYYY-MM-DD）` }));

const text = (label: string) =>
  z.string({ required_error: `${label}必填`, invalid_type_error: `${label}应为文本` }).trim().min(1, `${label}不能为空`);

export const ProblemKind = z.enum(['immediate', 'time-bound', 'long-term'], {
  errorMap: () => ({ message: '整改类型应为 immediate（立行立改）、time-bound（限期整改）或 long-term（长期坚持）' }),
});
export type ProblemKind = z.infer<typeof ProblemKind>;

export const KIND_LABEL: Record<ProblemKind, string> = {
  immediate: '立行立改',
  'time-bound': '限期整改',
  'long-term': '长期坚持',
};

/** Identifiers end up in workflow ids and CLI arguments, so keep them to a safe alphabet. */
export const idString = z
  .string({ required_error: '编号必填' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, '编号只能包含字母、数字、点、下划线和连字符，最长 64 位');

export const PersonSchema = z.object({
  id: idString,
  name: text('姓名'),
  title: z.string().trim().optional(),
  /** The department a person works in; leaders and the office may have none. */
  department: z.string().trim().min(1).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const LeadingGroupSchema = z.object({
  head: idString,
  deputies: z.array(idString).default([]),
  office: z.array(idString).min(1, '领导小组办公室至少一人'),
  members: z.array(idString).default([]),
});
export type LeadingGroup = z.infer<typeof LeadingGroupSchema>;

export const MeasureInputSchema = z.object({
  text: text('措施内容'),
  owner: idString,
  due: dateString,
});
export type MeasureInput = z.infer<typeof MeasureInputSchema>;

export const ProblemInputSchema = z.object({
  no: z.number({ required_error: '问题序号必填' }).int().positive('问题序号应为正整数'),
  aspect: z.number().int().positive(),
  title: text('问题'),
  description: z.string().trim().default(''),
  kind: ProblemKind,
  responsibleLeader: idString,
  department: text('责任科室'),
  owner: idString,
  deadline: dateString.optional(),
  measures: z.array(MeasureInputSchema).default([]),
  /** Only for ledgers rebuilt from a published report: problems already closed there. */
  closed: z.boolean().optional(),
});
export type ProblemInput = z.infer<typeof ProblemInputSchema>;

export const AspectSchema = z.object({ no: z.number().int().positive(), title: text('方面') });

const CampaignLedgerBase = z
  .object({
    id: idString,
    name: text('名称'),
    organisation: text('被巡察单位'),
    inspectionTeam: text('巡察组'),
    inspectionStart: dateString,
    inspectionEnd: dateString,
    feedbackDate: dateString,
    concentratedPeriodEnd: dateString,
    leadingGroup: LeadingGroupSchema,
    people: z.array(PersonSchema).min(1),
    departments: z.array(text('科室')).min(1),
    policy: DeadlinePolicySchema.partial().default({}),
    aspects: z.array(AspectSchema).min(1, '至少一个方面'),
    problems: z.array(ProblemInputSchema).min(1, '至少一个问题'),
  });
type LedgerShape = z.infer<typeof CampaignLedgerBase>;

export const CampaignLedgerSchema = CampaignLedgerBase.superRefine((c, ctx) => checkReferences(c, ctx));
export type CampaignLedger = z.infer<typeof CampaignLedgerSchema>;

/** Cross-references a schema cannot express field by field: every id must point at something. */
function checkReferences(c: LedgerShape, ctx: z.RefinementCtx): void {
  const people = new Set(c.people.map((p) => p.id));
  const departments = new Set(c.departments);
  const aspects = new Set(c.aspects.map((a) => a.no));
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const seenPeople = new Set<string>();
  c.people.forEach((p, i) => {
    if (seenPeople.has(p.id)) issue(['people', i, 'id'], `人员编号重复: ${p.id}`);
    seenPeople.add(p.id);
    if (p.department && !departments.has(p.department)) issue(['people', i, 'department'], `未知科室: ${p.department}`);
  });
  const group = c.leadingGroup;
  const roleRefs: [(string | number)[], string][] = [
    [['leadingGroup', 'head'], group.head],
    ...group.deputies.map((d, i): [(string | number)[], string] => [['leadingGroup', 'deputies', i], d]),
    ...group.office.map((d, i): [(string | number)[], string] => [['leadingGroup', 'office', i], d]),
    ...group.members.map((d, i): [(string | number)[], string] => [['leadingGroup', 'members', i], d]),
  ];
  for (const [path, id] of roleRefs) if (!people.has(id)) issue(path, `未知人员: ${id}`);
  const seenNo = new Set<number>();
  c.problems.forEach((p, i) => {
    if (seenNo.has(p.no)) issue(['problems', i, 'no'], `问题序号重复: ${p.no}`);
    seenNo.add(p.no);
    if (!aspects.has(p.aspect)) issue(['problems', i, 'aspect'], `未知方面: ${p.aspect}`);
    if (!departments.has(p.department)) issue(['problems', i, 'department'], `未知科室: ${p.department}`);
    if (!people.has(p.responsibleLeader)) issue(['problems', i, 'responsibleLeader'], `未知人员: ${p.responsibleLeader}`);
    if (!people.has(p.owner)) issue(['problems', i, 'owner'], `未知人员: ${p.owner}`);
    if (p.kind !== 'long-term' && !p.deadline) issue(['problems', i, 'deadline'], '立行立改和限期整改的问题必须有整改时限');
    p.measures.forEach((m, j) => {
      if (!people.has(m.owner)) issue(['problems', i, 'measures', j, 'owner'], `未知人员: ${m.owner}`);
    });
  });
}

/** One line per zod issue, with the path in the file: "problems.3.deadline: ..." */
export function formatZodError(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => {
      const path = i.path.join('.');
      return `${prefix}${path ? `${path}: ` : ''}${i.message}`;
    })
    .join('\n');
}

/** A zod failure as a UserError for people: every line of the message, and each field by its path. */
export function userErrorFromZod(error: z.ZodError, prefix = ''): UserError {
  const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new UserError(formatZodError(error, prefix), 'InvalidInput', fields);
}
