// What the delivery benchmark counts after its run (bench/delivery-storm.ts): the arrivals at the
// sinks by message key, the engine's own records in the database, and the dispatcher's history.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { RobotPost } from '../tests/support/robot-sinks';
import type { ReceivedMail } from '../tests/support/smtp-sink';

/**
 * Arrivals by key — the email's Message-ID, the key printed in a robot post — against the keys of
 * the messages table: a second copy of one key is a duplicate, a key the engine never composed a
 * stranger, a composed key that never arrived missing.
 */
export async function arrivals(db: Db, mails: ReceivedMail[], posts: RobotPost[]) {
  const { rows } = await db.query<{ key: string }>('select key from messages');
  const keys = new Set(rows.map((m) => m.key));
  const arrived = [...mails.map((m) => /^<?([^@>]+)@/.exec(m.messageId)?.[1] ?? m.messageId), ...posts.map((p) => p.key ?? '?')];
  const distinct = new Set(arrived);
  return {
    duplicates: arrived.length - distinct.size,
    missing: [...keys].filter((k) => !distinct.has(k)).length,
    strangers: [...distinct].filter((k) => !keys.has(k)).length,
  };
}

/**
 * The dispatcher's runs (continue-as-new) and what their histories hold: wake signals, activity
 * calls, and how long a sendMessage took from scheduled to completed (server clock; every send
 * runs in real time, since the server skips nothing while an activity runs).
 */
export async function dispatcherStats(client: Client, workflowId: string) {
  const stats = { runs: 0, events: 0, signals: 0, activities: {} as Record<string, number>, sendMs: [] as number[] };
  const at = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  let runId: string | undefined;
  do {
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    const sends = new Map<number, number>();
    stats.runs += 1;
    stats.events += events.length;
    for (const e of events) {
      if (e.workflowExecutionSignaledEventAttributes) stats.signals += 1;
      const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
      if (type) stats.activities[type] = (stats.activities[type] ?? 0) + 1;
      if (type === 'sendMessage') sends.set(Number(e.eventId), at(e.eventTime));
      const scheduled = sends.get(Number(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? -1));
      if (scheduled !== undefined) stats.sendMs.push(at(e.eventTime) - scheduled);
    }
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return stats;
}

/** Counts from the database: what the engine recorded it did. */
export async function dbCounts(db: Db) {
  const q = async (sql: string) => (await db.query<Record<string, string | number>>(sql)).rows;
  return {
    notifications: await q(`select count(*) as n, count(delivery_expanded_at) as expanded from notifications where kind = 'reminder'`),
    deliveries: await q(`select channel, status, count(*) as n from deliveries group by 1, 2 order by 1, 2`),
    messages: await q(`select channel, shape, status, count(*) as n, sum(attempts) as attempts, count(*) filter (where attempts > 1) as retried,
      round(avg(jsonb_array_length(content -> 'items')), 1) as "avgItems", max(jsonb_array_length(content -> 'items')) as "maxItems"
      from messages group by 1, 2, 3 order by 1, 2, 3`),
  };
}
