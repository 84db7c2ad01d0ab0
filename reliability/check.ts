// The after-fault verifier: every problem's projection against its workflow's live state, every
// notification against the outbox, every acknowledged action against both, and every workflow
// for signs of being stuck. Definitions of the four counts are in RELIABILITY.md.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { listAuditActions } from '../db/queries/fault-audit';
import { notificationCopies } from '../db/queries/fault-notifications';
import { listProjectedProblems, type ProjectedProblem } from '../db/queries/fault-projection';
import { notificationDedupeKey } from '../db/queries/insert-notifications';
import { forEachLimit } from '../services/campaigns';
import { campaignWorkflowId } from '../domain/ids';
import type { ActionName, ProblemData } from '../domain/problem-types';
import { stateQuery } from '../workflows/definitions';
import { errorText, notifiedByHistory, progressOf } from './inspect';

/** An action the client was told was applied (answered recorded, or accepted while the ledger caught up). */
export interface Ack {
  campaignId: string;
  no: number;
  action: ActionName;
  /** The version the answer named; absent when it was given without the workflow's state (services/actions.ts). */
  version?: number;
}

export type FindingKind = 'mismatched' | 'lost' | 'duplicated' | 'stuck';
export interface Finding {
  kind: FindingKind;
  workflowId: string;
  detail: string;
}

export interface VerifyResult {
  problems: number;
  mismatched: number;
  lost: number;
  duplicated: number;
  stuck: number;
  /** Outbox rows expected from the workflows (completed notify activities and fired events). */
  notificationsChecked: number;
  acksChecked: number;
  details: Finding[];
}

export interface VerifyOptions {
  acks?: Ack[];
  /** How long to let a projection catch up before "behind" counts as stuck (default 60 s). */
  settleMs?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

/**
 * Checks until everything agrees or the settle period is over, then once more with the workflows'
 * histories (the notification check reads every run's notify activities, so it runs last, once).
 */
export async function verifyCampaign(client: Client, db: Db, campaignIds: string[], o: VerifyOptions = {}): Promise<VerifyResult> {
  const until = Date.now() + (o.settleMs ?? 60_000);
  for (let pass = 1; ; pass++) {
    const r = await checkOnce(client, db, campaignIds, o, false);
    const clean = r.mismatched + r.lost + r.stuck === 0;
    o.log?.(`[verify] 第 ${pass} 轮：${r.problems} 个问题，不一致 ${r.mismatched}，丢失 ${r.lost}，卡住/落后 ${r.stuck}`);
    if (clean || Date.now() > until) break;
    await new Promise((res) => setTimeout(res, 2_000));
  }
  return checkOnce(client, db, campaignIds, o, true);
}

async function checkOnce(client: Client, db: Db, campaignIds: string[], o: VerifyOptions, withHistory: boolean): Promise<VerifyResult> {
  const [rows, copies, audit] = await Promise.all([listProjectedProblems(db, campaignIds), notificationCopies(db, campaignIds), listAuditActions(db, campaignIds)]);
  const stored = new Map(copies.map((c) => [`${c.dedupeKey}|${c.recipientId}`, c.copies]));
  const storedKeys = new Set(copies.map((c) => c.dedupeKey));
  const audited = new Map(audit.map((a) => [`${a.workflowId}#${a.seq}`, a.action]));
  const auditedActions = new Set(audit.map((a) => `${a.workflowId}#${a.action}`));
  const acks = new Map<string, Ack[]>();
  for (const a of o.acks ?? []) acks.set(`${a.campaignId}#${a.no}`, [...(acks.get(`${a.campaignId}#${a.no}`) ?? []), a]);
  const r: VerifyResult = { problems: rows.length, mismatched: 0, lost: 0, duplicated: 0, stuck: 0, notificationsChecked: 0, acksChecked: 0, details: [] };
  const add = (kind: FindingKind, workflowId: string, detail: string, n = 1) => {
    r[kind] += n;
    if (r.details.length < 200) r.details.push({ kind, workflowId, detail });
  };

  /** Every completed notify activity, each (key, recipient): its row is in the outbox. */
  const checkNotified = async (workflowId: string) => {
    for (const key of await notifiedByHistory(client, workflowId)) {
      r.notificationsChecked += 1;
      if (!stored.has(key)) add('lost', workflowId, `通知 ${key} 已由活动写入却不在通知表中`);
    }
  };

  await forEachLimit(rows, o.concurrency ?? 16, async (row) => {
    const progress = await progressOf(client, row.workflowId);
    if (progress.status === 'NOT_FOUND') return add('lost', row.workflowId, '台账有此问题，但工作流不存在');
    const mine = acks.get(`${row.campaignId}#${row.no}`) ?? [];
    // Without a version, any audit entry of the action will do (an action sent twice to one problem,
    // such as completeMeasure for M1 and M2, is then only checked for being there at all).
    const inLedger = (a: Ack) => (a.version === undefined ? auditedActions.has(`${row.workflowId}#${a.action}`) : audited.get(`${row.workflowId}#${a.version}`) === a.action);
    let state: ProblemData;
    try {
      state = await client.workflow.getHandle(row.workflowId).query(stateQuery);
    } catch (e) {
      // A query replays the workflow on a worker: failing here means its next workflow task fails too.
      add('stuck', row.workflowId, [`查询状态失败：${errorText(e)}`, ...progress.blocked].join('；'));
      // Its acknowledged actions can still be looked for in the ledger.
      r.acksChecked += mine.length;
      for (const a of mine.filter((x) => !inLedger(x))) add('lost', row.workflowId, `已确认的操作 ${a.action}（版本 ${a.version ?? '未知'}）不在台账审计记录中`);
      if (withHistory) await checkNotified(row.workflowId);
      return;
    }
    let stuck = progress.blocked.length ? progress.blocked.join('；') : '';
    if (row.version < state.version) stuck ||= `台账落后：版本 ${row.version} < 工作流 ${state.version}`;
    else if (row.version > state.version) add('mismatched', row.workflowId, `台账版本 ${row.version} 超前于工作流 ${state.version}`);
    else for (const d of differences(row, state)) add('mismatched', row.workflowId, d);
    if (stuck) add('stuck', row.workflowId, stuck);

    for (const ack of mine) {
      r.acksChecked += 1;
      // An answer without a version is checked against the action's first entry in the history.
      const a = { ...ack, version: ack.version ?? state.history.findIndex((h) => h.action === ack.action) + 1 };
      if (state.history[a.version - 1]?.action !== a.action) add('lost', row.workflowId, `已确认的操作 ${a.action}（版本 ${ack.version ?? '未知'}）不在工作流历史中`);
      else if (!inLedger(a) && row.version >= a.version) {
        add('lost', row.workflowId, `已确认的操作 ${a.action}（版本 ${a.version}）不在台账审计记录中`);
      }
    }

    // Fired events: every key in `sent` has its outbox rows, except those recorded as skipped at catch-up.
    const own = state.sent.filter((k) => !k.startsWith('calendar-uncovered:'));
    const missing = own.filter((k) => !storedKeys.has(notificationDedupeKey(row.workflowId, k))).length;
    const skipped = state.history.filter((h) => h.action === 'event-skipped').length;
    r.notificationsChecked += own.length - skipped;
    if (missing > skipped) add('lost', row.workflowId, `${missing - skipped} 条已触发的通知不在通知表中`, missing - skipped);
    for (const k of state.sent.filter((s) => s.startsWith('calendar-uncovered:'))) {
      if (!storedKeys.has(notificationDedupeKey(campaignWorkflowId(row.campaignId), k))) add('lost', row.workflowId, `巡察级通知 ${k} 不在通知表中`);
    }
    if (withHistory) await checkNotified(row.workflowId);
  });
  for (const [key, n] of stored) if (n > 1) add('duplicated', key.split('|')[0]!, `通知 ${key} 有 ${n} 行`, n - 1);
  return r;
}

/** The fields the desk and reports read from the projection, against the workflow's own state. */
function differences(row: ProjectedProblem, s: ProblemData): string[] {
  const out: string[] = [];
  if (row.status !== s.status) out.push(`状态：台账 ${row.status}，工作流 ${s.status}`);
  if (row.warning !== s.warning) out.push(`预警：台账 ${row.warning}，工作流 ${s.warning}`);
  if ((row.deadline ?? undefined) !== s.deadline) out.push(`时限：台账 ${row.deadline}，工作流 ${s.deadline}`);
  const mine = row.measures.map((m) => `${m.id}:${m.done}`).join(',');
  const theirs = s.measures.map((m) => `${m.id}:${m.done}`).join(',');
  if (mine !== theirs) out.push(`措施：台账 [${mine}]，工作流 [${theirs}]`);
  return out;
}
