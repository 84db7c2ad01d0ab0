// Where the bytes of evidence files live: content-addressed (named by their SHA-256, computed
// here, never taken from the client), so the same file uploaded twice is stored once and a stored
// file can be checked against the hash the workflow recorded. FsEvidenceStore keeps them under a
// folder; an object store can implement EvidenceStore later.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../domain/errors';
import { FileType, inspectFile, SAMPLE_BYTES } from '../domain/file-types';

export interface StoredFile {
  /** 64 lowercase hex digits. */
  sha256: string;
  size: number;
  mime: string;
  /** Canonical extension of the sniffed type, without the dot. */
  ext: string;
}

export interface EvidenceStore {
  /** Stores a stream; refuses (UserError PayloadTooLarge / UnsupportedMediaType) and keeps nothing. */
  put(stream: Readable, opts: { maxBytes: number }): Promise<StoredFile>;
  /** The stored bytes; UserError NotFound when absent, InvalidInput for a malformed id. */
  open(sha256: string): Promise<Readable>;
  stat(sha256: string): Promise<StoredFile | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const MB = 1024 * 1024;

/** "50 MB"; a limit that is no whole number of MB also says it in bytes. */
export function formatLimit(maxBytes: number): string {
  const mb = maxBytes / MB;
  return Number.isInteger(mb) ? `${mb} MB` : `${Number(mb.toFixed(2))} MB（${maxBytes} 字节）`;
}

export const UNSUPPORTED_MESSAGE = '不支持的文件类型：只接受 PDF、图片、Office 文档、OFD 和纯文本';

/** The id is checked before it becomes a path: '../x' or 'A'.repeat(64) never reach the file system. */
function checkId(sha256: string): string {
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) {
    throw new UserError('佐证材料编号无效：应为 64 位小写十六进制的 SHA-256', 'InvalidInput');
  }
  return sha256;
}

class TooLarge extends Error {}

export class FsEvidenceStore implements EvidenceStore {
  constructor(readonly root: string) {}

  /** root/ab/abcdef…: two hex digits of fan-out keep folders small. */
  pathOf(sha256: string): string {
    const id = checkId(sha256);
    return path.join(this.root, id.slice(0, 2), id);
  }

  async put(stream: Readable, opts: { maxBytes: number }): Promise<StoredFile> {
    const { maxBytes } = opts;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new Error(`maxBytes must be a non-negative integer, got ${maxBytes}`);
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        // Stop at the first byte over the limit: a 5 GB upload costs at most maxBytes of disk.
        if (size > maxBytes) return done(new TooLarge());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      // pipeline destroys the source and the file stream on any failure.
      await pipeline(stream, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      const { type, looksLike } = await inspectPath(tmp, size, true);
      if (!type) throw new UserError(UNSUPPORTED_MESSAGE + (looksLike ? `（该文件看起来是${looksLike}）` : ''), 'UnsupportedMediaType');
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(path.dirname(final), { recursive: true });
      // Same name, same bytes: an existing file is kept. rename is atomic, so a reader never sees
      // half a file, and two uploads of the same content racing here both end with the same file.
      if (await exists(final)) await rm(tmp, { force: true });
      else await rename(tmp, final);
      return { sha256, size, mime: type.mime, ext: type.ext };
    } catch (e) {
      await rm(tmp, { force: true });
      if (e instanceof TooLarge) throw new UserError(`文件太大：佐证材料不能超过 ${formatLimit(maxBytes)}`, 'PayloadTooLarge');
      throw e;
    }
  }

  async open(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    try {
      const handle = await open(file, 'r');
      return handle.createReadStream();
    } catch (e) {
      if (isNotFound(e)) throw new UserError('佐证材料文件不存在', 'NotFound');
      throw e;
    }
  }

  async stat(sha256: string): Promise<StoredFile | null> {
    const file = this.pathOf(sha256);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    // The type is not stored beside the bytes: sniffing again is cheap (128 KiB) and cannot disagree.
    const { type } = await inspectPath(file, size, false);
    return type ? { sha256, size, mime: type.mime, ext: type.ext } : null;
  }
}

/** Sniffs a file from its first and last 64 KiB; with `sync`, also flushes it to disk first. */
async function inspectPath(file: string, size: number, sync: boolean): Promise<{ type?: FileType; looksLike?: string }> {
  const handle = await open(file, 'r');
  try {
    // Evidence must survive a crash right after the upload was acknowledged.
    if (sync) await handle.sync();
    const head = new Uint8Array(Math.min(SAMPLE_BYTES, size));
    const tail = new Uint8Array(Math.min(SAMPLE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    await handle.read(tail, 0, tail.length, size - tail.length);
    const r = inspectFile({ head, tail, size });
    return r.ok ? { type: r.type } : { looksLike: r.looksLike };
  } finally {
    await handle.close();
  }
}

const isNotFound = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}
