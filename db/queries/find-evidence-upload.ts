import type { Db } from '../client';
import type { EvidenceUploadRow } from './record-evidence-upload';

/** The columns of an EvidenceUploadRow, from evidence_uploads u joined with evidence_files f. */
export const EVIDENCE_UPLOAD_COLUMNS = `u.id, u.campaign_id as "campaignId", u.problem_no as "problemNo", u.sha256, u.name,
  f.size, f.mime, u.uploaded_by as "uploadedBy", u.uploaded_at as "uploadedAt"`;

/**
 * The newest upload of this file to this problem, or null when it was never uploaded there. The
 * server fills a completeMeasure payload from it (its own name, size and hash, not the client's)
 * and refuses a download of a file that does not belong to the problem.
 */
export async function findEvidenceUpload(
  db: Db,
  key: { campaignId: string; problemNo: number; sha256: string },
): Promise<EvidenceUploadRow | null> {
  const { rows: [row] } = await db.query<EvidenceUploadRow>(
    `select ${EVIDENCE_UPLOAD_COLUMNS}
     from evidence_uploads u join evidence_files f on f.sha256 = u.sha256
     where u.campaign_id = $1 and u.problem_no = $2 and u.sha256 = $3
     order by u.id desc limit 1`,
    [key.campaignId, key.problemNo, key.sha256],
  );
  return row ?? null;
}
