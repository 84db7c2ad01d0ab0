import { calendarCoverage, uncoveredYears } from './calendar';
import { shanghaiDate } from './dates';
import { asOfToday, candidateEvents, collapseDue, dueEvents, nextEventAt, ScheduledEvent, ScheduleInput, workingDayRule } from './policy';
import { departmentPeople, isDeadlineActive, record, snapshotOf, uniq } from './problem';
import { EVENT_LABEL, type OutgoingNotification, type PersonRef, type ProblemData } from './problem-types';

export function scheduleInputOf(d: ProblemData): ScheduleInput {
  return {
    deadline: d.deadline,
    deadlineTimersActive: isDeadlineActive(d.status),
    progressAnchor: d.kind === 'long-term' && d.status !== 'closed' ? d.startedOn : undefined,
    closedOn: d.status === 'closed' && !d.lookBackDone ? d.closedOn : undefined,
    calendarThrough: d.calendarThrough,
  };
}

export function nextWakeAt(d: ProblemData, now: number): number | undefined {
  return nextEventAt(scheduleInputOf(d), d.policy, now, new Set(d.sent));
}

const SYSTEM = { id: 'system', name: '系统' } as const;

/**
 * Fires every scheduled event due at `now` exactly once: marks it sent, applies its effect on the
 * warning level and returns what to tell whom. A key once in `sent` never fires again, which is
 * what keeps reminders single even when the workflow wakes up more often than needed. With the
 * catch-up rule (`d.catchUp`), events due together send one per ladder with today's figures and
 * the others are recorded as skipped: who would have been told, and what said it instead.
 */
export function fireDueEvents(d: ProblemData, now: number): OutgoingNotification[] {
  const due = dueEvents(scheduleInputOf(d), d.policy, now, new Set(d.sent));
  if (!d.catchUp) return due.map((e) => fire(d, e, now));
  const today = shanghaiDate(now);
  const { send, skipped } = collapseDue(due);
  for (const { event, by } of skipped) {
    d.sent.push(event.key);
    const before = snapshotOf(d);
    const would = describe(d, event);
    const instead = describe(d, asOfToday(by, today));
    record(d, now, SYSTEM, 'event-skipped', `未发送${EVENT_LABEL[event.type]}（原定${event.date}）：已由「${instead.title}」代替`, before,
      `补发时合并，原应通知${would.to.map((p) => p.name).join('、')}`);
  }
  return send.map((e) => fire(d, asOfToday(e, today), now));
}

function fire(d: ProblemData, e: ScheduledEvent, now: number): OutgoingNotification {
  d.sent.push(e.key);
  const n = describe(d, e);
  const before = snapshotOf(d);
  if (e.type === 'warning-yellow' && d.warning === 'none') d.warning = 'yellow';
  if (e.type === 'warning-red') d.warning = 'red';
  record(d, now, SYSTEM, e.type, n.title, before);
  return scheduledNotification(d, e, n);
}

/**
 * The notification a scheduled event sends. The workflow sends it when the event fires and the desk
 * shows it ahead of time (domain/escalation.ts), so both read this one definition.
 */
export function scheduledNotification(d: ProblemData, e: ScheduledEvent, n = describe(d, e)): OutgoingNotification {
  return { dedupeKey: e.key, kind: e.type, recipients: n.to, title: `问题${d.no}${n.title}`, body: n.body };
}

/** Who is told what when a scheduled event fires; `title` is also the history entry's summary. */
export function describe(d: ProblemData, e: ScheduledEvent): { to: PersonRef[]; title: string; body: string } {
  const r = d.remit;
  const dept = departmentPeople(r);
  const what = `「${d.title}」（${r.department}）`;
  switch (e.type) {
    case 'reminder':
      return { to: dept, title: `距整改时限还有${e.days}天`, body: `${what}整改时限为 ${d.deadline}，还有 ${e.days} 天。` };
    case 'due-today':
      // Sent after its day, before the deadline: a plain count of the days left.
      if (e.late && e.days > 0) return { to: dept, title: `距整改时限还有${e.days}天`, body: `${what}整改时限为 ${d.deadline}，还有 ${e.days} 天。` };
      // Moved off a holiday or weekend: today is the last working day before the deadline.
      if (e.days > 0) {
        return { to: dept, title: `距整改时限还有${e.days}天（到期前最后一个工作日）`, body: `${what}整改时限为 ${d.deadline}，今天是到期前最后一个工作日。` };
      }
      return { to: dept, title: '今日到期', body: `${what}今日（${d.deadline}）到达整改时限。` };
    case 'warning-yellow':
      return { to: uniq([r.leader, r.owner]), title: '逾期黄牌预警', body: `${what}已逾期 ${e.days} 天（时限 ${d.deadline}），请责任领导督促。` };
    case 'warning-red':
      return {
        to: uniq([r.head, ...r.office]),
        title: '逾期红牌预警，下发督办单',
        body: `督办单：${what}已逾期 ${e.days} 天（时限 ${d.deadline}），责任领导 ${r.leader.name}，责任人 ${r.owner.name}。请限期办结并报告。`,
      };
    case 'overdue-weekly':
      return { to: dept, title: `已逾期${e.days}天`, body: `${what}已逾期 ${e.days} 天（时限 ${d.deadline}），请尽快完成整改或申请延期。` };
    case 'progress-request':
      return { to: dept, title: '请报送长期整改进展', body: `${what}为长期坚持事项，请报送本期整改进展。` };
    case 'look-back':
      return { to: r.office, title: '回头看', body: `${what}已于 ${d.closedOn} 销号，请开展回头看，确认巩固或重新整改。` };
  }
}

/** Dedupe key of the notice that the holiday data does not cover a year; one per campaign and year. */
export const calendarNoticeKey = (year: number) => `calendar-uncovered:${year}`;

/**
 * The office is told, never left to guess, when a scheduled notice of this problem falls in a year
 * the holiday data does not cover (weekends only there). The key goes into `sent` so this problem
 * asks once per year; the workflow files the notice under the campaign's workflow id, so the outbox
 * keeps one per campaign and year however many problems ask.
 */
export function calendarNotices(d: ProblemData, now: number): OutgoingNotification[] {
  const input = scheduleInputOf(d);
  if (workingDayRule(input, d.policy) === 'off') return [];
  const through = Math.min(d.calendarThrough ?? Infinity, calendarCoverage().to);
  const dates = candidateEvents(input, d.policy, now).flatMap((e) => [e.date, e.movedFrom ?? e.date]);
  const out: OutgoingNotification[] = [];
  for (const year of uncoveredYears(dates, through).filter((y) => y > through)) {
    const key = calendarNoticeKey(year);
    if (d.sent.includes(key)) continue;
    d.sent.push(key);
    out.push({
      dedupeKey: key,
      kind: 'calendar-uncovered',
      recipients: d.remit.office,
      title: `节假日数据只到${through}年，${year}年的提醒按周末计算，请更新节假日数据`,
      body:
        `系统的法定节假日和调休数据（chinese-days）只覆盖到${through}年。${year}年的提醒、预警等定时通知暂时只避开周六、周日，` +
        `不考虑节假日和调休上班日。请系统管理员更新节假日数据后重启服务，之后的通知将自动按新数据安排。`,
    });
  }
  return out;
}
