import type { Db } from '../client';

export interface AuditAction {
  workflowId: string;
  seq: number;
  action: string;
}

/** Which action each stored audit entry of the given campaigns records: the ledger's side of an acknowledged action. */
export async function listAuditActions(db: Db, campaignIds: string[]): Promise<AuditAction[]> {
  const { rows } = await db.query<AuditAction>(
    `select workflow_id as "workflowId", seq, action from audit where campaign_id = any($1)`,
    [campaignIds],
  );
  return rows;
}
