import type { Db } from '../client';
import { EVIDENCE_UPLOAD_COLUMNS } from './find-evidence-upload';
import type { EvidenceUploadRow } from './record-evidence-upload';

/** Every upload to one problem, oldest first (the order they were made in). */
export async function listEvidenceUploads(db: Db, campaignId: string, problemNo: number): Promise<EvidenceUploadRow[]> {
  const { rows } = await db.query<EvidenceUploadRow>(
    `select ${EVIDENCE_UPLOAD_COLUMNS}
     from evidence_uploads u join evidence_files f on f.sha256 = u.sha256
     where u.campaign_id = $1 and u.problem_no = $2
     order by u.id`,
    [campaignId, problemNo],
  );
  return rows;
}
