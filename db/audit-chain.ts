// The audit hash chain checked in TypeScript, independently of the SQL that wrote it
// (010_audit_chain.sql): the same content, the same SHA-256, then the links and the places.
import { createHash } from 'node:crypto';
import type { AuditChainHead, AuditChainRow, AuditChainSink } from './queries/audit-chain';

/** What row 1 of every chain points back to. */
export const GENESIS = '0'.repeat(64);

/**
 * The hashed content, as the migration defines it: a JSON array of the row's meaningful columns in
 * a fixed order, strings as JSON literals (JSON.stringify escapes exactly as PostgreSQL's to_json
 * does), before/after as jsonb printed them, no spaces. chain_seq is not in it: the links fix order.
 */
export function auditContent(r: AuditChainRow): string {
  const s = JSON.stringify;
  return `[${[s(r.campaignId), s(r.workflowId), String(r.seq), String(r.problemNo), s(r.at), s(r.actorId), s(r.actorName), s(r.action),
    s(r.summary), r.reason === null ? 'null' : s(r.reason), r.before, r.after].join(',')}]`;
}

export const auditRowHash = (prevHash: string, r: AuditChainRow): string =>
  createHash('sha256').update(prevHash + auditContent(r), 'utf8').digest('hex');

export type AuditFinding =
  /** hash: the content no longer gives the row's hash; head: the last row was rewritten, hash and all. */
  | { kind: 'changed'; why: 'hash' | 'head'; seq: number; row: AuditChainRow }
  /** duplicate: another row holds the place; unlinked: prev_hash is not the previous row's hash
   * (or that row was rewritten); past-head: beyond the recorded end; placeless: no valid place. */
  | { kind: 'inserted'; why: 'duplicate' | 'unlinked' | 'past-head' | 'placeless'; seq: number | null; row: AuditChainRow; headSeq?: number }
  /** gap: places seq..toSeq are empty before `next`; tail: the end is gone; no-head: the head row is. */
  | { kind: 'deleted'; why: 'gap' | 'tail' | 'no-head'; seq: number; toSeq: number; next?: AuditChainRow };

/**
 * Fed a campaign's rows in chain order (rows of one place adjacent), finds what was changed,
 * inserted or deleted. It holds two places at a time, whatever the length of the chain: the one
 * being judged and the next, whose links tell which of two rows claiming one place is the real one.
 */
export class AuditChainCheck implements AuditChainSink {
  count = 0;
  readonly findings: AuditFinding[] = [];
  private head: AuditChainHead | null = null;
  /** Complete places not yet judged (at most two), and the place being filled. */
  private ready: AuditChainRow[][] = [];
  private place: AuditChainRow[] = [];
  private expected = 1;
  /** The hash the next place must point back to; null after a gap, where it is unknown. */
  private link: string | null = GENESIS;
  private lastSeq = 0;
  private last?: { row: AuditChainRow; named: boolean };

  onHead(head: AuditChainHead | null): void {
    this.head = head;
  }

  onRows(rows: readonly AuditChainRow[]): void {
    for (const r of rows) {
      this.count++;
      if (this.place.length && this.place[0]!.chainSeq !== r.chainSeq) this.complete();
      this.place.push(r);
    }
  }

  finish(): AuditFinding[] {
    if (this.place.length) this.complete();
    while (this.ready.length) this.judge(this.ready.shift()!, this.ready[0]);
    const { head, last } = this;
    if (!head) {
      if (this.count) this.findings.push({ kind: 'deleted', why: 'no-head', seq: this.lastSeq, toSeq: this.lastSeq });
    } else if (this.lastSeq < head.seq) {
      this.findings.push({ kind: 'deleted', why: 'tail', seq: this.lastSeq + 1, toSeq: head.seq });
    } else if (last && !last.named && last.row.hash !== head.hash) {
      this.findings.push({ kind: 'changed', why: 'head', seq: head.seq, row: last.row });
    }
    return this.findings;
  }

  private complete(): void {
    this.ready.push(this.place);
    this.place = [];
    if (this.ready.length === 2) this.judge(this.ready.shift()!, this.ready[0]);
  }

  /** One place (chain_seq): keep the row that belongs there, name the others. */
  private judge(rows: AuditChainRow[], next: AuditChainRow[] | undefined): void {
    const k = rows[0]!.chainSeq;
    if (k === null || k < this.expected || (this.head && k > this.head.seq)) {
      const why = k === null || k < this.expected ? 'placeless' : 'past-head';
      for (const row of rows) this.findings.push({ kind: 'inserted', why, seq: k, row, headSeq: this.head?.seq });
      return;
    }
    if (k > this.expected) {
      this.findings.push({ kind: 'deleted', why: 'gap', seq: this.expected, toSeq: k - 1, next: rows[0] });
      this.link = null;
    }
    const links = (r: AuditChainRow) => this.link === null || r.prevHash === this.link;
    const intact = (r: AuditChainRow) => r.prevHash !== null && r.hash === auditRowHash(r.prevHash, r);
    // The real row is linked from both sides: the next place (or the head) points to it.
    const followed = (r: AuditChainRow) => !!next?.some((n) => n.prevHash === r.hash) || (this.head?.seq === k && this.head.hash === r.hash);
    const score = (r: AuditChainRow) => (links(r) ? 4 : 0) + (followed(r) ? 2 : 0) + (intact(r) ? 1 : 0);
    const kept = rows.reduce((best, r) => (score(r) > score(best) ? r : best));
    for (const row of rows) if (row !== kept) this.findings.push({ kind: 'inserted', why: 'duplicate', seq: k, row });
    const before = this.findings.length;
    if (!links(kept)) this.findings.push({ kind: 'inserted', why: 'unlinked', seq: k, row: kept });
    else if (!intact(kept)) this.findings.push({ kind: 'changed', why: 'hash', seq: k, row: kept });
    this.link = kept.hash;
    this.expected = k + 1;
    this.lastSeq = k;
    this.last = { row: kept, named: this.findings.length > before };
  }
}
