import { createHash } from 'node:crypto';
import type { CampaignLedger } from '../../domain/schemas';
import { problemWorkflowId } from '../../domain/ids';
import type { Db } from '../client';
import { insertRows, json } from '../sql';

export interface InsertCampaignResult {
  /** False when this very ledger had been loaded before (nothing was written). */
  created: boolean;
}

/** JSON with sorted keys, so the hash does not depend on the order fields were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export const ledgerHash = (ledger: CampaignLedger): string => createHash('sha256').update(canonical(ledger)).digest('hex');

/**
 * Loads a validated ledger: the campaign, its directory and its problems (status 'assigned', or
 * 'closed' for problems a published report had already closed; version -1, below the
 * workflow's first snapshot (version 0), so that snapshot is written) with the ledger's
 * measures as M1..Mn — what the problem workflow starts from. All or nothing; loading the same
 * ledger again is a no-op, loading a different ledger under the same id is refused.
 */
export async function insertCampaign(db: Db, ledger: CampaignLedger): Promise<InsertCampaignResult> {
  const hash = ledgerHash(ledger);
  return db.transaction(async (tx) => {
    // ON CONFLICT rather than a prior select: two loaders racing both end here, one inserts.
    const { rows } = await tx.query<{ id: string }>(
      `insert into campaigns (id, name, organisation, inspection_team, inspection_start, inspection_end, feedback_date,
         concentrated_period_end, leading_group, policy, ledger_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (id) do nothing returning id`,
      [ledger.id, ledger.name, ledger.organisation, ledger.inspectionTeam, ledger.inspectionStart, ledger.inspectionEnd,
        ledger.feedbackDate, ledger.concentratedPeriodEnd, json(ledger.leadingGroup), json(ledger.policy), hash],
    );
    if (!rows.length) {
      const { rows: [stored] } = await tx.query<{ ledger_hash: string }>('select ledger_hash from campaigns where id = $1', [ledger.id]);
      if (stored?.ledger_hash === hash) return { created: false };
      throw new Error(`巡察整改 ${ledger.id} 已存在且内容不同：同一编号不能载入不同的台账，请换一个编号或核对台账文件`);
    }
    const c = ledger.id;
    await insertRows(tx, 'departments', ['campaign_id', 'name'], ledger.departments.map((d) => [c, d]));
    await insertRows(tx, 'people', ['campaign_id', 'id', 'name', 'title', 'department', 'position'],
      ledger.people.map((p, i) => [c, p.id, p.name, p.title ?? null, p.department ?? null, i + 1]));
    await insertRows(tx, 'aspects', ['campaign_id', 'no', 'title'], ledger.aspects.map((a) => [c, a.no, a.title]));
    await insertRows(tx, 'problems',
      ['campaign_id', 'no', 'aspect_no', 'title', 'description', 'kind', 'responsible_leader', 'department', 'owner',
        'original_deadline', 'deadline', 'status', 'workflow_id', 'version', 'measures_total', 'measures_done'],
      ledger.problems.map((p) => [c, p.no, p.aspect, p.title, p.description, p.kind, p.responsibleLeader, p.department, p.owner,
        p.deadline ?? null, p.deadline ?? null, p.closed ? 'closed' : 'assigned', problemWorkflowId(c, p.no), -1,
        p.measures.length, p.closed ? p.measures.length : 0]));
    await insertRows(tx, 'measures', ['campaign_id', 'problem_no', 'id', 'text', 'owner', 'due', 'done'],
      ledger.problems.flatMap((p) => p.measures.map((m, i) => [c, p.no, `M${i + 1}`, m.text, m.owner, m.due, p.closed === true])));
    return { created: true };
  });
}
