import { addDays, shanghaiDate, shanghaiInstant, type CalendarDate } from './dates';
import type { Channel, RobotProvider } from './contacts';
import { EVENT_LABEL } from './problem-types';

// The delivery engine's rules, pure so that the workflow, the activities, the CLI and the pages
// read one definition: which notices are urgent or digested, when a notice may go out (quiet hours,
// working days), how fast each robot may be fed, and how a target is shown to people.

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'deferred'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  deferred: '延后发送',
};

/** Short channel names for marks and tables (CHANNEL_LABEL says 电子邮件). */
export const CHANNEL_SHORT: Record<Channel, string> = { email: '邮件', wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/** Red warnings (the 督办单) go at once, even in quiet hours and on holidays. */
export const URGENT_KINDS: readonly string[] = ['warning-red'];
/** Scheduled notices of one morning reach a person as one message listing them all. */
export const DIGEST_KINDS: readonly string[] = ['reminder', 'due-today', 'warning-yellow', 'overdue-weekly', 'progress-request', 'look-back'];
/** The Monday report to the office and the head (queued by the dispatcher). */
export const WEEKLY_DIGEST_KIND = 'weekly-digest';

export type DeliveryClass = 'urgent' | 'digest' | 'single';

export function deliveryClass(kind: string): DeliveryClass {
  if (URGENT_KINDS.includes(kind)) return 'urgent';
  return DIGEST_KINDS.includes(kind) ? 'digest' : 'single';
}

/**
 * How long a digestable notice waits for the others of its morning: every problem's workflow fires
 * its 09:00 notices on its own, seconds apart (minutes on a loaded worker).
 */
export const DIGEST_GATHER_MS = 5 * 60_000;

/** Quiet hours as minutes of the day (Asia/Shanghai), [start, end); start = end means none. */
export interface QuietHours {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_HOURS = '20-8';

/** "20-8", "20:00-08:00", "22:30-7"; "off" (or "0-0") for none. Null when unreadable. */
export function parseQuietHours(s: string): QuietHours | null {
  if (/^(off|none|0-0)$/i.test(s.trim())) return { start: 0, end: 0 };
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$/.exec(s);
  if (!m) return null;
  const minute = (h: string, mm: string | undefined) => Number(h) * 60 + Number(mm ?? 0);
  const start = minute(m[1]!, m[2]);
  const end = minute(m[3]!, m[4]);
  if (start > 24 * 60 || end > 24 * 60 || Number(m[2] ?? 0) > 59 || Number(m[4] ?? 0) > 59) return null;
  return { start: start % (24 * 60), end: end % (24 * 60) };
}

const minuteOfDay = (at: number): number => {
  const t = new Date(at + 8 * 3600_000);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
};

export function inQuietHours(at: number, q: QuietHours): boolean {
  if (q.start === q.end) return false;
  const m = minuteOfDay(at);
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** The instant the send window opens on `date` (the end of the quiet hours; midnight without). */
export const windowOpensAt = (date: CalendarDate, q: QuietHours): number => shanghaiInstant(date).getTime() + (q.start === q.end ? 0 : q.end) * 60_000;

/** Weekends only: the fallback when no holiday calendar is at hand. */
export const isWeekday = (date: CalendarDate): boolean => {
  const d = shanghaiInstant(date, 12).getUTCDay();
  return d !== 0 && d !== 6;
};

/**
 * The first instant at or after `at` when a non-urgent message may go out: outside the quiet
 * hours, on a working day. A message due in the night or on a holiday waits for the next working
 * day's window.
 */
export function nextSendWindow(at: number, q: QuietHours, isWorkingDay: (d: CalendarDate) => boolean): number {
  let t = at;
  // A year of holidays at most; the bound only guards against a calendar that has no working day.
  for (let i = 0; i < 400; i++) {
    const date = shanghaiDate(t);
    if (!isWorkingDay(date)) {
      t = windowOpensAt(addDays(date, 1), q);
      continue;
    }
    if (!inQuietHours(t, q)) return t;
    const opens = windowOpensAt(date, q);
    t = opens > t ? opens : windowOpensAt(addDays(date, 1), q);
  }
  return t;
}

export interface DeliveryTiming {
  notBefore: number;
  urgent: boolean;
  digest: boolean;
  /** Held back by quiet hours or a non-working day. */
  deferred: boolean;
}

/** When a notification of `kind`, queued at `now`, may go out. */
export function deliveryTiming(kind: string, now: number, q: QuietHours, isWorkingDay: (d: CalendarDate) => boolean): DeliveryTiming {
  const cls = deliveryClass(kind);
  if (cls === 'urgent') return { notBefore: now, urgent: true, digest: false, deferred: false };
  const wanted = cls === 'digest' ? now + DIGEST_GATHER_MS : now;
  const notBefore = nextSendWindow(wanted, q, isWorkingDay);
  return { notBefore, urgent: false, digest: cls === 'digest', deferred: notBefore > wanted };
}

// ---- Rate limits: queueing, never dropping. ----

export interface RateLimit {
  max: number;
  perMs: number;
}

/** As each provider documents its custom robots. */
export const ROBOT_RATE_LIMITS: Record<RobotProvider, RateLimit[]> = {
  dingtalk: [{ max: 20, perMs: 60_000 }],
  wecom: [{ max: 20, perMs: 60_000 }],
  feishu: [{ max: 5, perMs: 1_000 }, { max: 100, perMs: 60_000 }],
};

/**
 * Added to each window: the provider counts arrivals, we count starts, and a request may take a
 * moment to arrive. Without it the 21st post of a minute can land inside the provider's minute.
 */
export const rateMarginMs = (perMs: number): number => Math.min(2_000, perMs / 4);

/** Sends in flight at once on one lane (one robot, or the SMTP server). */
export const LANE_CONCURRENCY = { email: 4, robot: 3 } as const;

/** The lane a message is queued on: each robot is fed at its own pace; email shares the SMTP pool. */
export const laneOf = (channel: Channel, robotId: number | null): string => (channel === 'email' || robotId === null ? 'email' : `robot:${robotId}:${channel}`);

export function laneLimits(lane: string): RateLimit[] {
  const provider = lane.split(':')[2] as RobotProvider | undefined;
  return provider ? ROBOT_RATE_LIMITS[provider] : [];
}

/**
 * The earliest instant at or after `now` at which one more send may start on a lane that started
 * at `starts` (ascending), within every limit.
 */
export function nextSlot(starts: readonly number[], limits: readonly RateLimit[], now: number): number {
  let at = now;
  for (const { max, perMs } of limits) {
    const window = perMs + rateMarginMs(perMs);
    const recent = starts.filter((s) => s > at - window);
    if (recent.length >= max) at = Math.max(at, recent[recent.length - max]! + window);
  }
  return at;
}

// ---- How targets and answers are shown. ----

/** z***@hospital.cn: enough to recognise an address, not enough to harvest it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** The desk page of a problem, for links in messages. */
export const deskProblemUrl = (deskUrl: string, campaignId: string, no: number): string =>
  `${deskUrl.replace(/\/+$/, '')}/c/${encodeURIComponent(campaignId)}/problems/${no}`;

/** A campaign page of the desk ('overview', 'supervision'), for notices about no one problem. */
export const deskCampaignUrl = (deskUrl: string, campaignId: string, page: 'overview' | 'supervision'): string =>
  `${deskUrl.replace(/\/+$/, '')}/c/${encodeURIComponent(campaignId)}/${page}`;

// ---- The weekly digest: Monday morning, or the first working day of the week. ----

/** The Monday of the week `date` falls in (weeks run Monday to Sunday). */
export function mondayOf(date: CalendarDate): CalendarDate {
  const day = shanghaiInstant(date, 12).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** The instant of the week's digest: its first working day at `hour`; null for a week without one. */
export function weeklyDigestAt(monday: CalendarDate, hour: number, isWorkingDay: (d: CalendarDate) => boolean): number | null {
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    if (isWorkingDay(date)) return shanghaiInstant(date, hour).getTime();
  }
  return null;
}

// ---- Channels per person: contacts and the group's robots (desk-plan, issue 7). ----

export interface ReachInput {
  email: string | null;
  /** The person's chat id per provider, for @mentions. */
  chatIds: Partial<Record<RobotProvider, string | null>>;
  /** The channels the person chose; null: the defaults. */
  channels: readonly Channel[] | null;
  /** The enabled robots of the person's group (their department's, or the office's). */
  robots: readonly { id: number; provider: RobotProvider }[];
}

export type Reach =
  | { channel: Channel; target: string; robotId: number | null; mention: string | null }
  | { channel: Channel; unreachable: string };

/**
 * Where one person is reached. Defaults: email when an address is known, plus every provider whose
 * robot their group has. A channel chosen explicitly but impossible (no address, no robot) is
 * reported, so the office sees it among the failures rather than never.
 */
export function reachOf(r: ReachInput): Reach[] {
  const robotOf = (p: RobotProvider) => r.robots.find((x) => x.provider === p);
  const chosen: readonly Channel[] = r.channels ?? [...(r.email ? (['email'] as const) : []), ...r.robots.map((x) => x.provider)];
  const out: Reach[] = [];
  for (const channel of new Set(chosen)) {
    if (channel === 'email') {
      out.push(r.email ? { channel, target: r.email, robotId: null, mention: null } : { channel, unreachable: '未登记电子邮箱' });
      continue;
    }
    const robot = robotOf(channel);
    out.push(robot ? { channel, target: `robot:${robot.id}`, robotId: robot.id, mention: r.chatIds[channel] ?? null } : { channel, unreachable: `所在群未配置${CHANNEL_SHORT[channel]}机器人` });
  }
  return out;
}

// ---- What a message says: stored when composed, rendered per channel when sent. ----

export interface MessageItem {
  kind: string;
  title: string;
  body: string;
  /** The problem's page in the desk (or the campaign's 督办中心); null without a desk address. */
  link: string | null;
}

export interface MessageContent {
  /** The person an email greets; null for a group post. */
  greeting: string | null;
  items: MessageItem[];
  /** Who a robot post @mentions (chat id when known, else by name in the text). */
  mentions: { name: string; chatId: string | null }[];
}

/** Labels of notice kinds that are not scheduled events (those are EVENT_LABEL's). */
export const NOTICE_KIND_LABEL: Record<string, string> = {
  'plan-submitted': '措施待审批',
  'plan-approved': '措施已批准',
  'plan-returned': '措施被退回',
  'extension-requested': '延期待审批',
  'extension-approved': '延期已批准',
  'extension-refused': '延期未批准',
  'closure-requested': '销号待审核',
  'closure-reviewed': '销号待核验',
  'closure-verified': '销号待审批',
  'closure-returned': '销号被退回',
  closed: '已销号',
  reopened: '重新整改',
  'manual-reminder': '办公室催办',
  'period-end': '集中整改期结束',
  [WEEKLY_DIGEST_KIND]: '整改周报',
};

/** The subject line: one item's own title, or a count for a digest. */
export function subjectOf(items: readonly MessageItem[], urgent: boolean): string {
  if (items.length === 1) return `${urgent ? '【督办】' : ''}${items[0]!.title}`;
  return `${urgent ? '【督办】' : ''}整改提醒汇总：${items.length} 项`;
}

export const noticeKindLabel = (kind: string): string => EVENT_LABEL[kind] ?? NOTICE_KIND_LABEL[kind] ?? kind;

/** Attempts per message before a transient failure is recorded as failed (about 1.5 hours of backoff). */
export const SEND_MAX_ATTEMPTS = 10;

/** The dispatcher of one task queue: one per deployment, started by the worker's startup code. */
export const deliveryDispatcherWorkflowId = (taskQueue: string): string => `rectify/delivery-dispatcher/${taskQueue}`;

/** Where a delivery went, as shown to people: a masked address, or the robot's name. */
export function targetLabel(channel: Channel, target: string, robotName: string | null): string {
  if (!target) return '—';
  if (channel === 'email') return maskEmail(target);
  return robotName ?? `${CHANNEL_SHORT[channel]}机器人`;
}

/**
 * The provider's own words in a stored answer: the SMTP server's reply, or a robot's errmsg / msg;
 * addresses in them masked like the target column.
 */
export function answerWords(answer: unknown): string {
  return maskAddresses(rawAnswerWords(answer));
}

const maskAddresses = (s: string): string => s.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, (a) => maskEmail(a));

/** A stored answer as the API shows it: the same shape, every address in it masked. */
export function maskedAnswer(answer: unknown): unknown {
  if (typeof answer === 'string') return maskAddresses(answer);
  if (Array.isArray(answer)) return answer.map(maskedAnswer);
  if (answer && typeof answer === 'object') return Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, maskedAnswer(v)]));
  return answer;
}

function rawAnswerWords(answer: unknown): string {
  if (answer === null || answer === undefined) return '';
  if (typeof answer !== 'object') return String(answer);
  const a = answer as Record<string, unknown>;
  const words = [a.response, a.errmsg, a.msg, a.error].find((v) => typeof v === 'string' && v.trim());
  const code = [a.responseCode, a.errcode, a.code].find((v) => typeof v === 'number' && v !== 0);
  if (typeof words === 'string') return code !== undefined && !words.includes(String(code)) ? `${code} ${words}` : words;
  return JSON.stringify(answer);
}
