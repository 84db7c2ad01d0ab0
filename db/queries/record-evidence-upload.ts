import { UserError } from '../../domain/errors';
import type { Db } from '../client';

export interface EvidenceUploadInput {
  campaignId: string;
  problemNo: number;
  sha256: string;
  size: number;
  mime: string;
  /** The display name, already made safe (domain/file-types.ts). */
  name: string;
  /** Person id of the account, or its username. */
  uploadedBy: string;
}

export interface EvidenceUploadRow {
  id: number;
  campaignId: string;
  problemNo: number;
  sha256: string;
  name: string;
  size: number;
  mime: string;
  uploadedBy: string;
  uploadedAt: Date;
}

/** PostgreSQL's foreign_key_violation: here, the problem does not exist. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Records that a stored file was uploaded to a problem: the file row (once per SHA-256; a file
 * already known keeps its row) and the upload row, in one transaction. An unknown problem is a
 * UserError NotFound.
 */
export async function recordEvidenceUpload(db: Db, u: EvidenceUploadInput): Promise<EvidenceUploadRow> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('insert into evidence_files (sha256, size, mime) values ($1, $2, $3) on conflict (sha256) do nothing', [u.sha256, u.size, u.mime]);
      const { rows: [row] } = await tx.query<{ id: number; uploadedAt: Date }>(
        `insert into evidence_uploads (campaign_id, problem_no, sha256, name, uploaded_by) values ($1, $2, $3, $4, $5)
         returning id, uploaded_at as "uploadedAt"`,
        [u.campaignId, u.problemNo, u.sha256, u.name, u.uploadedBy],
      );
      if (!row) throw new Error('insert returned no row');
      return { id: row.id, campaignId: u.campaignId, problemNo: u.problemNo, sha256: u.sha256, name: u.name, size: u.size, mime: u.mime, uploadedBy: u.uploadedBy, uploadedAt: row.uploadedAt };
    });
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION) {
      throw new UserError(`巡察整改 ${u.campaignId} 中没有第 ${u.problemNo} 号问题`, 'NotFound');
    }
    throw e;
  }
}
