// Accounts of the desk: roles, their labels, the username and password rules, and what a signed-in
// person is (`Me`). Pure and browser-safe: the web app validates forms with these same schemas.
import { z } from 'zod';

export const ACCOUNT_ROLES = ['dept_owner', 'dept_member', 'leader', 'office', 'head', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ROLE_LABEL: Record<AccountRole, string> = {
  dept_owner: '科室负责人',
  dept_member: '科室成员',
  leader: '责任领导',
  office: '领导小组办公室',
  head: '领导小组组长',
  admin: '系统管理员',
};

/** Roles whose remit is a department: their account must name one. */
export const DEPARTMENT_ROLES: readonly AccountRole[] = ['dept_owner', 'dept_member'];
export const isDepartmentRole = (role: AccountRole): boolean => DEPARTMENT_ROLES.includes(role);

export const AccountRoleSchema = z.enum(ACCOUNT_ROLES, {
  errorMap: () => ({ message: `角色应为 ${ACCOUNT_ROLES.map((r) => `${r}（${ROLE_LABEL[r]}）`).join('、')}` }),
});

/** The same alphabet as the ledger's person ids: imported accounts are named by them. */
export const UsernameSchema = z
  .string({ required_error: '用户名必填', invalid_type_error: '用户名应为文本' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, '用户名只能包含字母、数字、点、下划线和连字符，以字母或数字开头，最长 64 位');

export const PASSWORD_MIN_LENGTH = 8;
/** Hashing cost grows with the input: a bound keeps a huge "password" from tying up the server. */
export const PASSWORD_MAX_LENGTH = 128;

/** The policy on a password by itself; `passwordForUser` adds the rule that needs the username. */
export const PasswordSchema = z
  .string({ required_error: '密码必填', invalid_type_error: '密码应为文本' })
  .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`)
  .max(PASSWORD_MAX_LENGTH, `密码最多 ${PASSWORD_MAX_LENGTH} 位`)
  .regex(/[A-Za-z]/, '密码须包含英文字母')
  .regex(/[0-9]/, '密码须包含数字');

export const passwordForUser = (username: string) =>
  PasswordSchema.refine((p) => p.toLowerCase() !== username.trim().toLowerCase(), '密码不能与用户名相同');

/** The signed-in person, as the desk shows and checks it (GET /api/auth/me). */
export interface Me {
  username: string;
  /** The person id of the ledger: the actor given to the workflow. */
  personId: string;
  name: string;
  role: AccountRole;
  department: string | null;
  /** True after an initial or reset password: nothing but a password change is allowed. */
  mustChangePassword: boolean;
}

/** Time limits of sign-in; durations in milliseconds. */
export const AUTH_POLICY = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  /** last_seen is written at most this often, so reading a page is not a write per request. */
  touchEveryMs: 60_000,
} as const;

/** Kinds of desk audit rows written by sign-in; the HTTP layer adds its own (actions, uploads…). */
export const AUTH_AUDIT_LABEL = {
  'sign-in': '登录',
  'sign-in-failed': '登录失败',
  'account-locked': '账号锁定',
  'sign-out': '退出登录',
  'session-expired': '会话过期',
  'password-changed': '修改密码',
  'password-change-failed': '修改密码失败',
  'password-reset': '重置密码',
} as const;
export type AuthAuditKind = keyof typeof AUTH_AUDIT_LABEL;

const personIdSchema = z
  .string({ required_error: '人员编号必填', invalid_type_error: '人员编号应为文本' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, '人员编号只能包含字母、数字、点、下划线和连字符，最长 64 位');
const departmentSchema = z.string({ invalid_type_error: '科室应为文本' }).trim().min(1, '科室不能为空');

/** A department role without a department would see nothing: the rule the database also checks. */
const needsDepartment = (a: { role?: AccountRole; department?: string | null }, ctx: z.RefinementCtx) => {
  if (a.role && isDepartmentRole(a.role) && !a.department) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['department'], message: `${ROLE_LABEL[a.role]}须指定所在科室` });
  }
};

/**
 * An account an administrator creates. `name` may be left out when the person is in a loaded
 * ledger; `password` too, and one is generated. An initial password must be changed at first
 * sign-in unless `mustChangePassword` is false.
 */
export const NewAccountSchema = z
  .object({
    username: UsernameSchema,
    personId: personIdSchema,
    name: z.string({ invalid_type_error: '姓名应为文本' }).trim().min(1, '姓名不能为空').optional(),
    role: AccountRoleSchema,
    department: departmentSchema.nullable().optional(),
    password: z.string().optional(),
    mustChangePassword: z.boolean().default(true),
  })
  .superRefine((a, ctx) => {
    needsDepartment(a, ctx);
    if (a.password === undefined) return;
    const checked = passwordForUser(a.username).safeParse(a.password);
    for (const issue of checked.success ? [] : checked.error.issues) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['password'], message: issue.message });
    }
  });
export type NewAccount = z.input<typeof NewAccountSchema>;

/** What an administrator may change on an account; absent fields are kept. */
export const AccountPatchSchema = z
  .object({
    name: z.string({ invalid_type_error: '姓名应为文本' }).trim().min(1, '姓名不能为空').optional(),
    role: AccountRoleSchema.optional(),
    department: departmentSchema.nullable().optional(),
    disabled: z.boolean({ invalid_type_error: '停用标志应为 true 或 false' }).optional(),
  })
  .strict('包含不能修改的字段');
export type AccountPatchInput = z.input<typeof AccountPatchSchema>;
