import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, ProblemParamsSchema } from '../../api/common';
import { UploadResultSchema } from '../../api/problems';
import { findEvidenceUpload } from '../../db/queries/find-evidence-upload';
import { UserError } from '../../domain/errors';
import { deskAllows } from '../../domain/permissions';
import { storeEvidence } from '../../services/evidence';
import { audit } from '../audit';
import type { Desk } from '../context';
import { visibleProblem } from '../remit';
import { me } from '../session';

const EvidenceParams = ProblemParamsSchema.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号应为 64 位十六进制小写字符串') });
const DownloadQuery = z.object({ inline: z.enum(['1', '0', 'true', 'false']).optional() }).strict('包含未知的查询参数');
const PREVIEW = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf)$/;

const FIELD = 'file';

/**
 * The file's bytes, ending only once the form is known to hold nothing after it: a second file or
 * another field fails the stream, so the store keeps nothing and no upload is recorded.
 */
function onlyFile(file: Readable, rest: AsyncIterator<Multipart>): Readable {
  return Readable.from(
    (async function* () {
      for await (const chunk of file as AsyncIterable<Buffer>) yield chunk;
      const more = await rest.next();
      if (!more.done) {
        if (more.value.type === 'file') more.value.file.resume();
        throw new UserError(`一次只能上传一个文件，且表单中只能有字段 ${FIELD}`, 'InvalidInput', [{ path: more.value.fieldname, message: '多余的字段' }]);
      }
    })(),
    { objectMode: false },
  );
}

/** RFC 6266/5987: the display name survives in every browser, and quotes or newlines cannot break the header. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerEvidenceRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/campaigns/:id/problems/:no/evidence',
    {
      schema: {
        tags: ['佐证材料'],
        summary: '上传一份佐证材料（multipart/form-data，字段 file）；按内容识别类型，按 SHA-256 保存',
        consumes: ['multipart/form-data'],
        params: ProblemParamsSchema,
        response: { 200: UploadResultSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 413: ErrorBodySchema, 415: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const user = me(req);
      const { id, no } = req.params;
      await visibleProblem(desk, req, id, no);
      if (!deskAllows(user, 'completeMeasure')) throw new UserError('只有责任科室可以上传佐证材料', 'Forbidden');
      if (!req.isMultipart()) throw new UserError(`上传文件须使用 multipart/form-data，字段名 ${FIELD}`, 'UnsupportedMediaType');
      // A refused upload may leave part of its body unread: the connection is not reused.
      reply.header('Connection', 'close');
      const parts = req.parts()[Symbol.asyncIterator]();
      const first = await parts.next();
      if (first.done) throw new UserError('没有收到文件：请选择要上传的文件', 'InvalidInput', [{ path: FIELD, message: '请选择文件' }]);
      const part = first.value;
      if (part.type !== 'file' || part.fieldname !== FIELD) {
        if (part.type === 'file') part.file.resume();
        const message = part.type === 'file' ? `文件须放在字段 ${FIELD} 中` : `表单中只能有文件字段 ${FIELD}`;
        throw new UserError(`上传内容有误：${message}`, 'InvalidInput', [{ path: part.fieldname, message }]);
      }
      const stored = await storeEvidence(desk.db, desk.evidence, {
        campaignId: id,
        problemNo: no,
        stream: onlyFile(part.file, parts),
        displayName: part.filename,
        uploadedBy: user.personId,
        maxBytes: desk.config.maxUploadBytes,
      });
      reply.removeHeader('Connection');
      await audit(desk, req, 'evidence-upload', { campaignId: id, problemNo: no }, { sha256: stored.sha256, name: stored.name, size: stored.size });
      return stored;
    },
  );

  r.get(
    '/api/campaigns/:id/problems/:no/evidence/:sha256',
    {
      schema: {
        tags: ['佐证材料'],
        summary: '下载或预览（?inline=1，仅图片和 PDF）一份佐证材料',
        params: EvidenceParams,
        querystring: DownloadQuery,
      },
    },
    async (req, reply) => {
      const { id, no, sha256 } = req.params;
      await visibleProblem(desk, req, id, no);
      const upload = await findEvidenceUpload(desk.db, { campaignId: id, problemNo: no, sha256 });
      if (!upload) throw new UserError('找不到这份佐证材料，或它只记录了哈希、没有保存文件', 'NotFound');
      const inline = (req.query.inline === '1' || req.query.inline === 'true') && PREVIEW.test(upload.mime);
      const stream = await desk.evidence.open(sha256);
      reply
        .type(upload.mime)
        .header('Content-Length', String(upload.size))
        .header('Content-Disposition', disposition(inline ? 'inline' : 'attachment', upload.name))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, max-age=3600');
      // Images can carry no script; a sandbox keeps it that way. PDF needs the browser's viewer.
      if (inline && upload.mime.startsWith('image/')) reply.header('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
      return reply.send(stream);
    },
  );
}
