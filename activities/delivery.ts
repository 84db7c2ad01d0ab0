// The delivery engine's activities: the dispatcher workflow decides what and when; these touch
// the database and the providers. Each is safe to run twice (see db/queries/delivery-*.ts).
import { ApplicationFailure, Context } from '@temporalio/activity';
import { laneOf, SEND_MAX_ATTEMPTS } from '../domain/delivery';
import type { Db } from '../db/client';
import { composeMessages } from '../db/queries/delivery-compose';
import { dueMessages, nextDeliveryAt } from '../db/queries/delivery-due';
import { expandOutbox } from '../db/queries/delivery-expand';
import { claimMessage, recordSendOutcome, type ClaimedMessage } from '../db/queries/delivery-send';
import { addressOf, type DeliveryDeps } from '../services/delivery/config';
import { asSendFailure, SendFailure } from '../services/delivery/failure';
import { renderEmailHtml, renderEmailText, robotPayload } from '../services/delivery/render';
import { postToRobot } from '../services/delivery/robots';
import { queueWeeklyDigests } from '../services/delivery/weekly';
import type { DeliveryActivities, PrepareResult } from '../workflows/activity-types';

/** Rounds of expand/compose per call: enough for a large morning, bounded so the call stays short. */
const ROUNDS = 10;
const EXPAND_LIMIT = 500;
const COMPOSE_LIMIT = 200;
const DUE_LIMIT = 200;

/**
 * The clock for what a send records: the server's (time-skipping tests skip it ahead) or the
 * wall clock, whichever is later; in production they agree.
 */
function clock(): number {
  try {
    return Math.max(Date.now(), Context.current().info.currentAttemptScheduledTimestampMs);
  } catch {
    return Date.now();
  }
}

function attempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/**
 * Heartbeats while a send runs, so a worker that dies mid-send is noticed within the heartbeat
 * timeout (seconds) rather than the send's whole start-to-close timeout: until then the message
 * holds one of its lane's few slots and the lane waits.
 */
async function whileHeartbeating<T>(fn: () => Promise<T>): Promise<T> {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    return fn();
  }
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), 1_000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

async function deliver(m: ClaimedMessage, deps: DeliveryDeps): Promise<Record<string, unknown>> {
  const renderable = { key: m.key, subject: m.subject, urgent: m.urgent, content: m.content };
  if (m.channel === 'email') {
    const domain = addressOf(deps.config.mailFrom).split('@')[1] || 'rectify.local';
    return deps.email.send({ to: m.target, subject: m.subject, text: renderEmailText(renderable), html: renderEmailHtml(renderable), messageId: `${m.key}@${domain}` });
  }
  if (!m.robot) throw new SendFailure('机器人已删除', false, { error: 'robot not found' });
  if (!m.robot.enabled) throw new SendFailure('机器人已停用', false, { error: 'robot disabled' });
  let webhook: string;
  let secret: string | null;
  try {
    webhook = deps.config.secrets().open(m.robot.webhookEnc);
    secret = m.robot.secretEnc ? deps.config.secrets().open(m.robot.secretEnc) : null;
  } catch {
    throw new SendFailure('无法解密机器人地址（RECTIFY_SECRET_KEY 不符）', false, { error: 'cannot open sealed webhook' });
  }
  return postToRobot({ provider: m.robot.provider, webhook, secret, payload: robotPayload(m.robot.provider, renderable), now: Date.now() });
}

export function createDeliveryActivities(db: Db, deps: DeliveryDeps): DeliveryActivities {
  const { config } = deps;
  return {
    async prepareDeliveries({ now, exclude }): Promise<PrepareResult> {
      for (let i = 0; i < ROUNDS; i++) {
        if ((await expandOutbox(db, { now, quietHours: config.quietHours, isWorkingDay: config.isWorkingDay, limit: EXPAND_LIMIT })) < EXPAND_LIMIT) break;
      }
      for (let i = 0; i < ROUNDS; i++) {
        if ((await composeMessages(db, { now, deskUrl: config.deskUrl, limit: COMPOSE_LIMIT })) < COMPOSE_LIMIT) break;
      }
      const due = await dueMessages(db, { exclude, limit: DUE_LIMIT });
      return {
        due: due.map((m) => ({ id: m.id, lane: laneOf(m.channel, m.robotId), urgent: m.urgent })),
        more: due.length === DUE_LIMIT,
        nextAt: await nextDeliveryAt(db),
      };
    },

    async queueWeeklyDigests({ now }) {
      return (await queueWeeklyDigests(db, now, config.isWorkingDay)).nextAt;
    },

    async sendMessage({ messageId }) {
      const m = await claimMessage(db, messageId, clock());
      if (!m) return 'skipped';
      try {
        const answer = await whileHeartbeating(() => deliver(m, deps));
        await recordSendOutcome(db, messageId, { status: 'sent', at: clock(), answer });
        return 'sent';
      } catch (e) {
        const f = asSendFailure(e, '发送出错');
        const n = attempt();
        if (!f.transient || n >= SEND_MAX_ATTEMPTS) {
          const reason = f.transient ? `${f.reason}；已重试 ${n} 次仍未成功` : f.reason;
          await recordSendOutcome(db, messageId, { status: 'failed', at: clock(), reason, answer: f.answer });
          throw ApplicationFailure.nonRetryable(reason, 'DeliveryFailed');
        }
        await recordSendOutcome(db, messageId, { status: 'retrying', at: clock(), reason: `${f.reason}（第 ${n} 次，稍后重试）`, answer: f.answer });
        throw ApplicationFailure.create({
          message: f.reason,
          type: 'DeliveryRetry',
          // A provider that said "too fast" gets a longer pause each time, capped at a minute.
          nextRetryDelay: f.retryAfterMs ? Math.min(f.retryAfterMs * n, 60_000) : undefined,
        });
      }
    },

    async abandonMessage({ messageId, reason }) {
      await recordSendOutcome(db, messageId, { status: 'failed', at: clock(), reason, answer: { error: reason } });
    },
  };
}
