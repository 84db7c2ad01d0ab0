// Evidence upload as both entry points do it: the HTTP server (multipart stream) and the CLI
// (--evidence-file). The bytes go to the store, the record of who uploaded what to which problem
// to the database; what comes back is what a completeMeasure payload's file evidence carries.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../db/client';
import { recordEvidenceUpload } from '../db/queries/record-evidence-upload';
import { UserError } from '../domain/errors';
import { evidenceDisplayName } from '../domain/file-types';
import { EvidenceStore, FsEvidenceStore } from './evidence-store';

/** The default upload limit; the server and the CLI may configure another. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 50 * 1024 * 1024;

export interface StoredEvidence {
  sha256: string;
  /** The display name as kept: made safe, with the real type's extension when the given one did not fit. */
  name: string;
  size: number;
  mime: string;
}

export interface EvidenceTarget {
  campaignId: string;
  problemNo: number;
  /** Person id of the account (or its username). */
  uploadedBy: string;
  maxBytes: number;
}

/** The store of a data folder: <dataDir>/evidence. */
export const evidenceStoreFor = (dataDir: string): FsEvidenceStore => new FsEvidenceStore(path.join(dataDir, 'evidence'));

/**
 * Stores an uploaded stream and records the upload. The caller has already checked that the
 * person may act on the problem. Refusals are UserErrors: PayloadTooLarge, UnsupportedMediaType,
 * NotFound (no such problem: the bytes may then stay in the store, harmless since named by content).
 */
export async function storeEvidence(
  db: Db,
  store: EvidenceStore,
  input: EvidenceTarget & { stream: Readable; displayName: string },
): Promise<StoredEvidence> {
  const file = await store.put(input.stream, { maxBytes: input.maxBytes });
  const name = evidenceDisplayName(input.displayName, file.ext);
  await recordEvidenceUpload(db, {
    campaignId: input.campaignId,
    problemNo: input.problemNo,
    sha256: file.sha256,
    size: file.size,
    mime: file.mime,
    name,
    uploadedBy: input.uploadedBy,
  });
  return { sha256: file.sha256, name, size: file.size, mime: file.mime };
}

/** The CLI's --evidence-file: the file at `path`, under its own base name. */
export async function storeEvidenceFile(
  db: Db,
  store: EvidenceStore,
  input: EvidenceTarget & { path: string },
): Promise<StoredEvidence> {
  const file = input.path;
  let handle;
  try {
    handle = await open(file, 'r');
    if (!(await handle.stat()).isFile()) throw new UserError(`佐证材料不是文件：${file}`);
  } catch (e) {
    await handle?.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`找不到佐证材料文件：${file}`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`没有权限读取佐证材料文件：${file}`);
    throw e;
  }
  const stream = handle.createReadStream();
  try {
    return await storeEvidence(db, store, { ...input, stream, displayName: path.basename(file) });
  } finally {
    stream.destroy(); // closes the file also when the store failed before reading it
  }
}
