// The world of the delivery benchmark (bench/delivery-storm.ts): a campaign of 12 departments,
// people spread evenly over them, one problem per reminder owned by one of those people, an email
// contact per person and one group robot per department — DingTalk, WeCom and Feishu in turn, so
// four of each — known both to the robot sinks and, sealed, to the robots table, as the desk's
// admin would have registered them.
import type { Db } from '../db/client';
import { insertRows } from '../db/sql';
import { addDays } from '../domain/dates';
import type { RobotProvider } from '../domain/contacts';
import { problemWorkflowId } from '../domain/ids';
import type { OutgoingNotification } from '../domain/problem-types';
import { CampaignLedgerSchema, type CampaignLedger } from '../domain/schemas';
import type { SecretBox } from '../services/secrets';
import type { RobotSinks } from '../tests/support/robot-sinks';
import { DEPARTMENTS } from './synthetic-projection';

export const GROUPS = DEPARTMENTS.slice(0, 12);
const PROVIDERS: RobotProvider[] = ['dingtalk', 'wecom', 'feishu'];
const DAYS_LEFT = 7;

export interface Recipient {
  id: string;
  name: string;
  department: string;
  email: string;
}

/** One problem's 09:00 reminder to its owner, as its workflow's notify activity queues it. */
export interface Reminder {
  no: number;
  to: Recipient;
  workflowId: string;
  notice: OutgoingNotification;
}

export interface DeliveryWorld {
  ledger: CampaignLedger;
  people: Recipient[];
  reminders: Reminder[];
}

/**
 * `people` people (person i in department i mod 12) and `reminders` problems, problem i owned by
 * person i mod `people`: everyone gets ⌊reminders / people⌋ or one more. The leading group (head,
 * deputy, office) has no department and no contact, so it is never reached.
 */
export function deliveryWorld(id: string, peopleCount: number, reminderCount: number, morning: string): DeliveryWorld {
  const people: Recipient[] = Array.from({ length: peopleCount }, (_, i) => {
    const department = GROUPS[i % GROUPS.length]!;
    const pid = `p${String(i + 1).padStart(3, '0')}`;
    return { id: pid, name: `${department}干部${Math.floor(i / GROUPS.length) + 1}`, department, email: `${pid}@hospital.test` };
  });
  const deadline = addDays(morning, DAYS_LEFT);
  const problems = Array.from({ length: reminderCount }, (_, i) => {
    const owner = people[i % peopleCount]!;
    return { no: i + 1, aspect: 1, title: `${owner.department}制度执行不到位（${i + 1}）`, kind: 'time-bound', responsibleLeader: 'deputy', department: owner.department, owner: owner.id, deadline };
  });
  const ledger = CampaignLedgerSchema.parse({
    id, name: '提醒风暴基准', organisation: '某市人民医院', inspectionTeam: '市委第一巡察组',
    inspectionStart: addDays(morning, -120), inspectionEnd: addDays(morning, -60), feedbackDate: addDays(morning, -30), concentratedPeriodEnd: addDays(morning, 90),
    leadingGroup: { head: 'head', deputies: ['deputy'], office: ['office'], members: [] },
    people: [{ id: 'head', name: '陈书记' }, { id: 'deputy', name: '李副院长' }, { id: 'office', name: '周主任' }, ...people.map(({ id: pid, name, department }) => ({ id: pid, name, department }))],
    departments: GROUPS,
    aspects: [{ no: 1, title: '关于落实全面从严治党方面' }],
    problems,
  });
  // The words of domain/problem-events.ts describe() for a reminder, to the owner alone.
  const reminders = problems.map((p, i): Reminder => {
    const to = people[i % peopleCount]!;
    return {
      no: p.no,
      to,
      workflowId: problemWorkflowId(id, p.no),
      notice: {
        dedupeKey: `reminder:${deadline}:${DAYS_LEFT}`,
        kind: 'reminder',
        recipients: [{ id: to.id, name: to.name }],
        title: `问题${p.no}距整改时限还有${DAYS_LEFT}天`,
        body: `「${p.title}」（${p.department}）整改时限为 ${deadline}，还有 ${DAYS_LEFT} 天。`,
      },
    };
  });
  return { ledger, people, reminders };
}

/**
 * Every person's email; half leave their channels to the defaults (email plus their group's robot),
 * half chose the same explicitly; every other person has a chat id the robot post @mentions.
 */
export async function addContacts(db: Db, people: Recipient[]): Promise<void> {
  const rows = people.map((p, i) => {
    const provider = PROVIDERS[GROUPS.indexOf(p.department) % PROVIDERS.length]!;
    const chat = i % 2 === 0 ? `${p.id}-${provider}` : null;
    return [p.id, p.email, provider === 'dingtalk' ? chat : null, provider === 'wecom' ? chat : null, provider === 'feishu' ? chat : null, i % 4 < 2 ? null : ['email', provider]];
  });
  await insertRows(db, 'contacts', ['person_id', 'email', 'dingtalk_userid', 'wecom_userid', 'feishu_open_id', 'channels'], rows);
}

/** One robot per department, with the provider's documented rate limits enforced by the sink. */
export async function addRobots(db: Db, sinks: RobotSinks, box: SecretBox, campaignId: string): Promise<{ provider: RobotProvider; token: string }[]> {
  const robots = GROUPS.map((department, d) => {
    const provider = PROVIDERS[d % PROVIDERS.length]!;
    const token = `bench${d}${provider}`;
    // WeCom robots have no signing secret; DingTalk's and Feishu's are signed (加签).
    const secret = provider === 'wecom' ? null : `SECbench${d}`;
    return { department, provider, token, secret, webhook: sinks.add(provider, token, secret) };
  });
  await insertRows(db, 'robots', ['campaign_id', 'department', 'provider', 'name', 'webhook_enc', 'secret_enc'],
    robots.map((r) => [campaignId, r.department, r.provider, `${r.department}${r.provider}群`, box.seal(r.webhook), r.secret ? box.seal(r.secret) : null]));
  return robots.map(({ provider, token }) => ({ provider, token }));
}
