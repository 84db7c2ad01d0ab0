import type { Db } from '../client';

/**
 * One audit row as the chain check needs it: every hashed column as text, exactly as the hash was
 * taken (see 010_audit_chain.sql), so nothing is lost between the database and the check.
 */
export interface AuditChainRow {
  /** Null only on a row forged past the NOT NULL constraints. */
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  campaignId: string;
  workflowId: string;
  seq: number;
  problemNo: number;
  /** UTC with microseconds: 2025-01-06T01:00:00.000000Z. */
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  summary: string;
  reason: string | null;
  /** As jsonb prints them. */
  before: string;
  after: string;
}

export interface AuditChainHead {
  seq: number;
  hash: string;
}

/** Places per page: a campaign's chain may hold millions of rows; the check needs few at a time. */
const PAGE = 5_000;

const COLUMNS = `chain_seq as "chainSeq", prev_hash as "prevHash", hash, campaign_id as "campaignId", workflow_id as "workflowId",
  seq, problem_no as "problemNo", to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
  actor_id as "actorId", actor_name as "actorName", action, summary, reason, before::text as before, after::text as after`;

/** Where the rows go: the head first, then the rows, page by page. */
export interface AuditChainSink {
  onHead(head: AuditChainHead | null): void;
  onRows(rows: AuditChainRow[]): void;
}

/**
 * Reads a campaign's chain head and then its rows in chain order, all from one snapshot: rows
 * appended meanwhile belong to a later head and are not seen. False when there is no such campaign.
 */
export async function readAuditChain(db: Db, campaignId: string, sink: AuditChainSink): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    const { rows: [c] } = await tx.query<{ seq: number | null; hash: string | null }>(
      'select h.seq, h.hash from campaigns c left join audit_chain_heads h on h.campaign_id = c.id where c.id = $1',
      [campaignId],
    );
    if (!c) return false;
    sink.onHead(c.seq === null || c.hash === null ? null : { seq: c.seq, hash: c.hash });
    // A page is a range of places, not a row count: the range is an index scan, and a place that
    // two rows claim stays on one page. Empty stretches (a forged far-off place) are jumped over.
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const { rows: [next] } = await tx.query<{ first: number | null }>(
        'select min(chain_seq) as first from audit where campaign_id = $1 and chain_seq > $2',
        [campaignId, after],
      );
      const first = next?.first ?? null;
      if (first === null) break;
      const { rows } = await tx.query<AuditChainRow>(
        `select ${COLUMNS} from audit where campaign_id = $1 and chain_seq >= $2 and chain_seq < $3 order by chain_seq, workflow_id, seq`,
        [campaignId, first, first + PAGE],
      );
      sink.onRows(rows);
      after = first + PAGE - 1;
    }
    // Only a row forged after dropping the NOT NULL constraint lacks a place; it comes last.
    const { rows: placeless } = await tx.query<AuditChainRow>(`select ${COLUMNS} from audit where campaign_id = $1 and chain_seq is null`, [campaignId]);
    if (placeless.length) sink.onRows(placeless);
    return true;
  });
}
