import { dueEvents, nextEventAt, ScheduledEvent, ScheduleInput } from './policy';
import { departmentPeople, isDeadlineActive, record, snapshotOf, uniq } from './problem';
import type { OutgoingNotification, PersonRef, ProblemData } from './problem-types';

export function scheduleInputOf(d: ProblemData): ScheduleInput {
  return {
    deadline: d.deadline,
    deadlineTimersActive: isDeadlineActive(d.status),
    progressAnchor: d.kind === 'long-term' && d.status !== 'closed' ? d.startedOn : undefined,
    closedOn: d.status === 'closed' && !d.lookBackDone ? d.closedOn : undefined,
  };
}

export function nextWakeAt(d: ProblemData, now: number): number | undefined {
  return nextEventAt(scheduleInputOf(d), d.policy, now, new Set(d.sent));
}

/**
 * Fires every scheduled event due at `now` exactly once: marks it sent, applies its effect on the
 * warning level and returns what to tell whom. A key once in `sent` never fires again, which is
 * what keeps reminders single even when the workflow wakes up more often than needed.
 */
export function fireDueEvents(d: ProblemData, now: number): OutgoingNotification[] {
  const out: OutgoingNotification[] = [];
  for (const e of dueEvents(scheduleInputOf(d), d.policy, now, new Set(d.sent))) {
    d.sent.push(e.key);
    const n = describe(d, e);
    const before = snapshotOf(d);
    if (e.type === 'warning-yellow' && d.warning === 'none') d.warning = 'yellow';
    if (e.type === 'warning-red') d.warning = 'red';
    out.push(scheduledNotification(d, e, n));
    record(d, now, { id: 'system', name: '系统' }, e.type, n.title, before);
  }
  return out;
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
