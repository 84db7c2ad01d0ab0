// The campaign's deadline policy as optional 巡察信息 rows, so a ledger exported with its own
// policy imports with the same one. A blank row keeps the default.
import { DEFAULT_POLICY, DeadlinePolicy } from '../domain/policy';
import { fold } from './cells';
import { splitList } from './values';

type Parsed<T> = { value: T } | { error: string };

interface PolicyField<T> {
  label: string;
  hint: string;
  parse(text: string): Parsed<T>;
  format(value: T): string;
}

const positive = (text: string): Parsed<number> => {
  const n = Number(fold(text));
  return Number.isInteger(n) && n > 0 ? { value: n } : { error: `"${text}" 应为正整数（天）` };
};
const days = (label: string, hint: string): PolicyField<number> => ({ label, hint, parse: positive, format: String });

const YES = new Set(['是', '开启', 'true', 'yes', 'y', '1']);
const NO = new Set(['否', '关闭', 'false', 'no', 'n', '0']);
const APPROVER: Readonly<Record<string, DeadlinePolicy['extensionApprover']>> = { 组长: 'head', 办公室: 'office', head: 'head', office: 'office' };
const WORKING_DAYS_LABEL: Readonly<Record<DeadlinePolicy['workingDays'], string>> = { shift: '顺延至前一工作日', count: '按工作日计算', off: '不考虑节假日' };
const WORKING_DAYS: Readonly<Record<string, DeadlinePolicy['workingDays']>> = {
  ...Object.fromEntries(Object.entries(WORKING_DAYS_LABEL).map(([k, v]) => [v, k])),
  shift: 'shift',
  count: 'count',
  off: 'off',
};

export const POLICY_FIELDS: { [K in keyof DeadlinePolicy]: PolicyField<DeadlinePolicy[K]> } = {
  reminderDaysBefore: {
    label: '到期前提醒天数',
    hint: `到期前第几天提醒责任人，多个用顿号分隔；留空为 ${DEFAULT_POLICY.reminderDaysBefore.join('、')}`,
    parse: (text) => {
      const parts = splitList(text.replace(/\s+/g, '、')).map(positive);
      const bad = parts.find((p) => 'error' in p);
      if (bad && 'error' in bad) return bad;
      return { value: parts.map((p) => ('value' in p ? p.value : 0)) };
    },
    format: (v) => v.join('、'),
  },
  dueDayNotice: {
    label: '到期当天提醒',
    hint: '是 或 否；留空为 是',
    parse: (text) => {
      const t = fold(text).toLowerCase();
      if (YES.has(t)) return { value: true };
      if (NO.has(t)) return { value: false };
      return { error: `"${text}" 应为 是 或 否` };
    },
    format: (v) => (v ? '是' : '否'),
  },
  yellowAfterDays: days('逾期几天亮黄牌', `逾期多少天向责任领导亮黄牌；留空为 ${DEFAULT_POLICY.yellowAfterDays}`),
  redAfterDays: days('逾期几天亮红牌', `逾期多少天向组长亮红牌并发督办单；留空为 ${DEFAULT_POLICY.redAfterDays}`),
  overdueReminderEveryDays: days('逾期后每隔几天提醒', `逾期后每隔多少天再次提醒；留空为 ${DEFAULT_POLICY.overdueReminderEveryDays}`),
  longTermProgressEveryDays: days('长期坚持每隔几天报进展', `长期坚持的问题每隔多少天报送进展；留空为 ${DEFAULT_POLICY.longTermProgressEveryDays}`),
  lookBackAfterDays: days('销号后几天回头看', `销号后多少天回头看；留空为 ${DEFAULT_POLICY.lookBackAfterDays}`),
  notifyHour: {
    label: '通知时刻',
    hint: `每天几点发出提醒（0–23 点，北京时间）；留空为 ${DEFAULT_POLICY.notifyHour}`,
    parse: (text) => {
      const n = Number(fold(text).replace(/[点时:：].*$/, ''));
      return Number.isInteger(n) && n >= 0 && n <= 23 ? { value: n } : { error: `"${text}" 应为 0 到 23 之间的整点` };
    },
    format: String,
  },
  extensionApprover: {
    label: '延期审批人',
    hint: '组长 或 办公室；留空为 组长',
    parse: (text) => {
      const v = APPROVER[fold(text)];
      return v ? { value: v } : { error: `"${text}" 应为 组长 或 办公室` };
    },
    format: (v) => (v === 'head' ? '组长' : '办公室'),
  },
  workingDays: {
    label: '工作日规则',
    hint: `提醒日期遇法定节假日或周末：${WORKING_DAYS_LABEL.shift}、${WORKING_DAYS_LABEL.count}（到期前提醒天数也按工作日数）或 ${WORKING_DAYS_LABEL.off}；留空为 ${WORKING_DAYS_LABEL.shift}`,
    parse: (text) => {
      const v = WORKING_DAYS[fold(text)];
      return v ? { value: v } : { error: `"${text}" 应为 ${Object.values(WORKING_DAYS_LABEL).join('、')} 之一` };
    },
    format: (v) => WORKING_DAYS_LABEL[v],
  },
};

export const POLICY_KEYS = Object.keys(POLICY_FIELDS) as (keyof DeadlinePolicy)[];

/** Parses one policy row into `into`; returns the error message when the value is invalid. */
export function parsePolicyValue<K extends keyof DeadlinePolicy>(key: K, text: string, into: Partial<DeadlinePolicy>): string | undefined {
  const r = POLICY_FIELDS[key].parse(text);
  if ('error' in r) return r.error;
  into[key] = r.value;
  return undefined;
}

export function formatPolicyValue<K extends keyof DeadlinePolicy>(key: K, value: DeadlinePolicy[K]): string {
  return POLICY_FIELDS[key].format(value);
}
