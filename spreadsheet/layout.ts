// The spreadsheet layout shared by the template, the import and the export: one place, so a file
// exported today imports tomorrow.
import { OUTCOME_FIGURES, outcomeHeader } from '../domain/outcomes';
import type { LeadingGroup } from '../domain/schemas';

export const SHEET = { ledger: '台账', info: '巡察信息', people: '人员', guide: '说明' } as const;

/** The ledger sheet: one row per measure; a problem's columns repeat (or stay blank) on its further rows. */
export const LEDGER_COLUMNS = [
  '序号',
  '方面',
  '问题',
  '问题描述',
  '整改类型',
  '责任领导',
  '责任科室',
  '责任人',
  '整改时限',
  '整改措施',
  '措施责任人',
  '措施时限',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** The columns describing the problem itself (as opposed to one of its measures). */
export const PROBLEM_COLUMNS = ['方面', '问题', '问题描述', '整改类型', '责任领导', '责任科室', '责任人', '整改时限'] as const satisfies readonly LedgerColumn[];
export type ProblemColumn = (typeof PROBLEM_COLUMNS)[number];

/** A measure's owner and due date default to the problem's, so only these must be present. */
export const REQUIRED_LEDGER_COLUMNS: readonly LedgerColumn[] = ['序号', '方面', '问题', '整改类型', '责任领导', '责任科室', '责任人', '整改时限', '整改措施'];

/** Headers people commonly write for the same column. */
export const LEDGER_ALIASES: Readonly<Record<string, LedgerColumn>> = {
  责任部门: '责任科室',
  整改期限: '整改时限',
  措施完成时限: '措施时限',
};

/** Written by the export after the template columns; the import ignores them. */
export const EXPORT_COLUMNS = [
  '状态',
  '承诺整改时限',
  '预警',
  '措施完成',
  ...OUTCOME_FIGURES.map(outcomeHeader),
  '最近操作',
];

export const KIND_LABELS = ['立行立改', '限期整改', '长期坚持'] as const;

/** How each person is reached (optional): carried beside the ledger, never part of its identity. */
export const CONTACT_COLUMNS = ['邮箱', '手机', '企业微信', '钉钉', '飞书'] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];
export const CONTACT_FIELD: Record<ContactColumn, 'email' | 'mobile' | 'wecomUserId' | 'dingtalkUserId' | 'feishuOpenId'> = {
  邮箱: 'email',
  手机: 'mobile',
  企业微信: 'wecomUserId',
  钉钉: 'dingtalkUserId',
  飞书: 'feishuOpenId',
};

export const PEOPLE_COLUMNS = ['编号', '姓名', '职务', '科室', '角色', ...CONTACT_COLUMNS] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/** Headers people commonly write for the same 人员 column. */
export const PEOPLE_ALIASES: Readonly<Record<string, PeopleColumn>> = {
  电子邮箱: '邮箱',
  电子邮件: '邮箱',
  Email: '邮箱',
  email: '邮箱',
  EMAIL: '邮箱',
  'E-mail': '邮箱',
  'e-mail': '邮箱',
  手机号: '手机',
  手机号码: '手机',
  联系电话: '手机',
  企业微信账号: '企业微信',
  企业微信ID: '企业微信',
  企业微信userid: '企业微信',
  钉钉账号: '钉钉',
  钉钉ID: '钉钉',
  钉钉userId: '钉钉',
  飞书账号: '飞书',
  飞书ID: '飞书',
  飞书open_id: '飞书',
};

export type Role = 'head' | 'deputy' | 'office' | 'member';
/** In the order the export lists people: the group head first. */
export const ROLES: readonly Role[] = ['head', 'deputy', 'office', 'member'];
export const ROLE_LABEL: Record<Role, string> = { head: '组长', deputy: '副组长', office: '办公室', member: '成员' };
export const ROLE_ALIASES: Readonly<Record<string, Role>> = {
  组长: 'head',
  副组长: 'deputy',
  办公室: 'office',
  领导小组办公室: 'office',
  整改办: 'office',
  成员: 'member',
  组员: 'member',
};
export const ROLE_GROUP: Record<Role, keyof LeadingGroup> = { head: 'head', deputy: 'deputies', office: 'office', member: 'members' };

/** The 巡察信息 sheet: key/value rows. */
export const INFO_COLUMNS = ['项目', '内容', '说明'] as const;

export type MetaKey = 'id' | 'name' | 'organisation' | 'inspectionTeam' | 'inspectionStart' | 'inspectionEnd' | 'feedbackDate' | 'concentratedPeriodEnd';

export interface MetaField {
  key: MetaKey;
  label: string;
  date: boolean;
  hint: string;
  example: string;
}

export const META_FIELDS: readonly MetaField[] = [
  { key: 'id', label: '编号', date: false, hint: '本轮整改的编号，只能用字母、数字、点、下划线和连字符', example: 'dz-fy-2024' },
  { key: 'name', label: '名称', date: false, hint: '本轮整改的名称', example: '市委第五巡察组反馈问题整改' },
  { key: 'organisation', label: '被巡察单位', date: false, hint: '被巡察单位全称', example: '德州市妇幼保健院' },
  { key: 'inspectionTeam', label: '巡察组', date: false, hint: '开展巡察的巡察组', example: '市委第五巡察组' },
  { key: 'inspectionStart', label: '巡察开始', date: true, hint: '巡察进驻日期', example: '2024-03-25' },
  { key: 'inspectionEnd', label: '巡察结束', date: true, hint: '巡察结束日期', example: '2024-06-30' },
  { key: 'feedbackDate', label: '反馈日期', date: true, hint: '反馈意见的日期', example: '2024-09-26' },
  { key: 'concentratedPeriodEnd', label: '集中整改期截止', date: true, hint: '集中整改期的最后一天', example: '2024-12-26' },
];

/** Optional 巡察信息 row: departments nobody in 人员 works in yet (those in 人员 are added anyway). */
export const DEPARTMENTS_LABEL = '科室';

/** Column index (0-based) by header, for building rows in layout order. */
export const columnIndex = <C extends string>(columns: readonly C[]): Record<C, number> =>
  Object.fromEntries(columns.map((c, i) => [c, i])) as Record<C, number>;
