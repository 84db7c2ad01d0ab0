import type { FastifyReply, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../../domain/errors';

// Files in and out of the desk's document routes: downloads with a name every browser keeps, and
// multipart uploads written to a private temporary directory that is always removed.

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** RFC 6266/5987: the display name survives in every browser, and quotes or newlines cannot break the header. */
export function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A generated document as an attachment; never cached by a shared proxy. */
export function sendDocument(reply: FastifyReply, bytes: Buffer, mime: string, name: string): FastifyReply {
  return reply
    .type(mime)
    .header('Content-Length', String(bytes.length))
    .header('Content-Disposition', disposition('attachment', name))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(bytes);
}

/** A file name safe to put in a directory: no path, no control characters, bounded. */
export function safeFileName(name: string): string {
  const printable = [...name].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const base = printable.replace(/^.*[\\/]/, '').trim().slice(-120);
  return base === '' || base === '.' || base === '..' ? 'upload' : base;
}

export interface Upload {
  /** Where the bytes are, under a temporary directory of this request. */
  file: string;
  /** The name the browser gave, without any path. */
  name: string;
  size: number;
  /** Text fields of the form, as sent. */
  fields: Record<string, string>;
}

/**
 * Reads a multipart form with one `file` part (and text fields before or after it) into a
 * temporary directory, then runs `use`; the directory is removed whatever happens.
 */
export async function withUpload<T>(req: FastifyRequest, maxBytes: number, use: (u: Upload) => Promise<T>): Promise<T> {
  if (!req.isMultipart()) throw new UserError('上传文件须使用 multipart/form-data，文件字段名 file', 'UnsupportedMediaType');
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-upload-'));
  try {
    const fields: Record<string, string> = {};
    let upload: Omit<Upload, 'fields'> | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || upload) {
        part.file.resume();
        throw new UserError(`只接受一个文件，字段名为 file（收到「${part.fieldname}」）`, 'InvalidInput', [{ path: part.fieldname, message: '多余的文件' }]);
      }
      const name = safeFileName(part.filename);
      const file = path.join(dir, name);
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(size > maxBytes ? new UserError(`文件过大：上限 ${(maxBytes / 1024 / 1024).toFixed(0)} MB`, 'PayloadTooLarge') : null, chunk);
        },
      });
      await pipeline(part.file, limit, createWriteStream(file, { mode: 0o600 }));
      if (part.file.truncated) throw new UserError('文件过大', 'PayloadTooLarge');
      upload = { file, name, size };
    }
    if (!upload) throw new UserError('没有收到文件：请选择要上传的文件', 'InvalidInput', [{ path: 'file', message: '请选择文件' }]);
    return await use({ ...upload, fields });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
