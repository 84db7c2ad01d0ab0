import { OUTCOME_FIGURES, sumOutcomes } from '../../domain/outcomes';
import type { HistoryEntry, ProblemData } from '../../domain/problem-types';
import type { Db } from '../client';
import { insertRows, json } from '../sql';

/** The projection needs everything but the workflow's own bookkeeping. */
export type ProblemSnapshot = Omit<ProblemData, 'history' | 'sent'>;

export interface RecordProblemInput {
  workflowId: string;
  snapshot: ProblemSnapshot;
  /** History entries not yet written; rows are keyed by (workflowId, seq) so a retry adds none. */
  audit: HistoryEntry[];
}

const OUTCOME_COLUMNS = OUTCOME_FIGURES.map((f) => f.column);

export interface RecordProblemResult {
  /** False when the stored row was already at this version or newer (a retry, or a stale write). */
  updated: boolean;
  /** Audit rows written now; entries already stored are skipped. */
  auditInserted: number;
}

/**
 * Writes a problem workflow's state into its projection, in one transaction. The row, its measures,
 * evidence and progress reports change only when the snapshot is newer than what is stored, so a
 * retried activity or an older write arriving late changes nothing. Audit entries are immutable
 * facts keyed by (workflow, seq): they are always offered and stored once, each linked into its
 * campaign's hash chain as it is stored.
 */
export async function recordProblem(db: Db, { workflowId, snapshot: s, audit }: RecordProblemInput): Promise<RecordProblemResult> {
  const totals = sumOutcomes(s.measures.map((m) => m.outcomes));
  return db.transaction(async (tx) => {
    // The row lock taken by ON CONFLICT … DO UPDATE also serialises concurrent writers of one problem.
    const { rows } = await tx.query(
      `insert into problems as p (campaign_id, no, aspect_no, title, description, kind, responsible_leader, department, owner,
         original_deadline, deadline, status, warning, workflow_id, version, started_on, closed_on, reopen_count, look_back_done,
         pending_extension, measures_total, measures_done, ${OUTCOME_COLUMNS.join(', ')}, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         ${OUTCOME_COLUMNS.map((_, i) => `$${23 + i}`).join(', ')}, now())
       on conflict (campaign_id, no) do update set
         aspect_no = excluded.aspect_no, title = excluded.title, description = excluded.description, kind = excluded.kind,
         responsible_leader = excluded.responsible_leader, department = excluded.department, owner = excluded.owner,
         original_deadline = excluded.original_deadline, deadline = excluded.deadline, status = excluded.status,
         warning = excluded.warning, workflow_id = excluded.workflow_id, version = excluded.version,
         started_on = excluded.started_on, closed_on = excluded.closed_on, reopen_count = excluded.reopen_count,
         look_back_done = excluded.look_back_done, pending_extension = excluded.pending_extension,
         measures_total = excluded.measures_total, measures_done = excluded.measures_done,
         ${OUTCOME_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
       where p.version < excluded.version
       returning no`,
      [s.campaignId, s.no, s.aspect, s.title, s.description, s.kind, s.remit.leader.id, s.remit.department, s.remit.owner.id,
        s.originalDeadline ?? null, s.deadline ?? null, s.status, s.warning, workflowId, s.version, s.startedOn, s.closedOn ?? null,
        s.reopenCount, s.lookBackDone, json(s.pendingExtension), s.measures.length, s.measures.filter((m) => m.done).length,
        ...OUTCOME_FIGURES.map((f) => totals[f.key])],
    );
    const updated = rows.length > 0;
    if (updated) await replaceChildren(tx, s);

    const inserted = await insertRows<{ seq: number }>(
      tx,
      'audit',
      ['workflow_id', 'seq', 'campaign_id', 'problem_no', 'at', 'actor_id', 'actor_name', 'action', 'summary', 'reason', 'before', 'after'],
      audit.map((e) => [workflowId, e.seq, s.campaignId, s.no, e.at, e.actor.id, e.actor.name, e.action, e.summary, e.reason ?? null,
        json(e.before), json(e.after)]),
      // No ON CONFLICT: the audit_chain_link trigger (010_audit_chain.sql) skips a stored entry
      // before it links it; ON CONFLICT would skip it after, leaving a gap in the campaign's chain.
      'returning seq',
    );
    // From the stored trail, not this batch: a late, older batch must not move it backwards.
    if (inserted.length) {
      await tx.query(
        `update problems p set last_action = a.action, last_action_at = a.at
         from (select action, at from audit where workflow_id = $1 order by seq desc limit 1) a
         where p.campaign_id = $2 and p.no = $3 and (p.last_action, p.last_action_at) is distinct from (a.action, a.at)`,
        [workflowId, s.campaignId, s.no],
      );
    }
    return { updated, auditInserted: inserted.length };
  });
}

/** Measures (with their evidence, by cascade) and progress reports: replaced as a whole. */
async function replaceChildren(tx: Db, s: RecordProblemInput['snapshot']): Promise<void> {
  await tx.query('delete from measures where campaign_id = $1 and problem_no = $2', [s.campaignId, s.no]);
  await tx.query('delete from progress_reports where campaign_id = $1 and problem_no = $2', [s.campaignId, s.no]);
  await insertRows(
    tx,
    'measures',
    ['campaign_id', 'problem_no', 'id', 'text', 'owner', 'due', 'done', 'completed_at', 'completed_by', ...OUTCOME_COLUMNS],
    s.measures.map((m) => [s.campaignId, s.no, m.id, m.text, m.owner, m.due, m.done, m.completedAt ?? null, m.completedBy ?? null,
      ...OUTCOME_FIGURES.map((f) => m.outcomes[f.key])]),
  );
  await insertRows(
    tx,
    'evidence',
    ['campaign_id', 'problem_no', 'measure_id', 'seq', 'kind', 'name', 'size', 'sha256', 'mime', 'text'],
    s.measures.flatMap((m) =>
      m.evidence.map((e, i) =>
        e.kind === 'file'
          ? [s.campaignId, s.no, m.id, i + 1, e.kind, e.name, e.size, e.sha256, e.mime ?? null, null]
          : [s.campaignId, s.no, m.id, i + 1, e.kind, null, null, e.sha256, null, e.text],
      ),
    ),
  );
  await insertRows(
    tx,
    'progress_reports',
    ['campaign_id', 'problem_no', 'seq', 'at', 'by_id', 'by_name', 'text'],
    s.progressReports.map((r, i) => [s.campaignId, s.no, i + 1, r.at, r.by.id, r.by.name, r.text]),
  );
}
