import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodIssue } from 'zod';
import { ErrorCode, FieldError, UserError } from '../domain/errors';
import { refusal } from '../services/actions';

// Every failure leaves the server as `{ error: { code, message, fields } }`, in Chinese, with the
// HTTP status its code implies. Unexpected errors are logged and answered without their details.

export const STATUS_OF: Record<ErrorCode, number> = {
  InvalidInput: 400,
  Unauthorized: 401,
  PasswordChangeRequired: 403,
  Forbidden: 403,
  NotFound: 404,
  InvalidState: 409,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  Locked: 423,
  RateLimited: 429,
  Unavailable: 503,
};

export function sendError(reply: FastifyReply, e: UserError): FastifyReply {
  return reply.status(STATUS_OF[e.code]).send({ error: { code: e.code, message: e.message, fields: e.fields } });
}

/** "/measures/0/due" or ['measures', 0, 'due'] → "measures.0.due". */
const pathOf = (p: readonly (string | number)[]) => p.join('.');

/** Fastify's own errors (body parsing, limits) as UserErrors people can read. */
const FASTIFY_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['InvalidInput', '请求内容不是有效的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['InvalidInput', '请求内容为空'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PayloadTooLarge', '请求内容过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UnsupportedMediaType', '不支持的请求内容类型：请求内容须为 application/json（上传文件用 multipart/form-data）'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['InvalidInput', '请求长度与内容不符'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['UnsupportedMediaType', '上传文件须使用 multipart/form-data'],
  FST_REQ_FILE_TOO_LARGE: ['PayloadTooLarge', '文件过大'],
  FST_FILES_LIMIT: ['InvalidInput', '一次只能上传一个文件'],
  FST_PARTS_LIMIT: ['InvalidInput', '上传内容的部分过多'],
  FST_FIELDS_LIMIT: ['InvalidInput', '上传表单的字段过多'],
  FST_PROTO_VIOLATION: ['InvalidInput', '请求内容不合法'],
  FST_ERR_VALIDATION: ['InvalidInput', '请求内容不合法'],
  FST_ERR_BAD_URL: ['InvalidInput', '地址不合法'],
  FST_ERR_MAX_PARAM_LENGTH: ['InvalidInput', '地址中的参数过长'],
  FST_INVALID_JSON_FIELD_ERROR: ['InvalidInput', '上传表单中的 JSON 字段不合法'],
};

// busboy's own words for a body that is not the multipart/form-data it claims to be.
const BROKEN_MULTIPART = /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed part header|Part terminated early)/;

const TYPE_LABEL: Record<string, string> = {
  string: '文本', number: '数字', integer: '整数', boolean: 'true 或 false', object: '对象', array: '数组', null: 'null', date: '日期',
};
const typeLabel = (t: string) => TYPE_LABEL[t] ?? t;

/**
 * zod's default messages are English ("Required", "Expected object, received null"); the schemas
 * give Chinese ones where they can, and this covers the rest, so no English reaches a person.
 */
function chinese(issue: ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? '必填' : `应为${typeLabel(issue.expected)}，收到的是${typeLabel(issue.received)}`;
    case 'unrecognized_keys':
      return `包含未知字段：${issue.keys.join('、')}`;
    case 'invalid_enum_value':
      return `应为 ${issue.options.join('、')} 之一`;
    case 'invalid_literal':
      return `应为 ${JSON.stringify(issue.expected)}`;
    case 'invalid_union_discriminator':
      return `应为 ${issue.options.map(String).join('、')} 之一`;
    case 'too_small':
      return issue.type === 'string' ? `至少 ${issue.minimum} 个字` : issue.type === 'array' ? `至少 ${issue.minimum} 项` : `不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.type === 'string' ? `最多 ${issue.maximum} 个字` : issue.type === 'array' ? `最多 ${issue.maximum} 项` : `不能大于 ${issue.maximum}`;
    case 'invalid_string':
      return '格式不正确';
    default:
      return '取值不合法';
  }
}

export function toUserError(err: unknown): UserError | undefined {
  if (err instanceof UserError) return err;
  const refused = refusal(err);
  if (refused) return refused;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: FieldError[] = err.validation.map((v) => ({ path: pathOf(v.params.issue.path), message: chinese(v.params.issue) }));
    const where = err.validationContext === 'querystring' ? '查询参数' : err.validationContext === 'params' ? '地址' : '请求内容';
    return new UserError(`${where}有误：${fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('；')}`, 'InvalidInput', fields);
  }
  const fe = err as Partial<FastifyError>;
  const known = fe.code ? FASTIFY_ERRORS[fe.code] : undefined;
  if (known) return new UserError(known[1], known[0]);
  if (err instanceof Error && BROKEN_MULTIPART.test(err.message)) return new UserError('上传内容不是完整有效的 multipart/form-data', 'InvalidInput');
  if (fe.statusCode === 429) return new UserError('请求过于频繁，请稍后再试', 'RateLimited');
  if (fe.statusCode === 413) return new UserError('请求内容过大', 'PayloadTooLarge');
  if (fe.statusCode === 415) return new UserError('不支持的请求内容类型', 'UnsupportedMediaType');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new UserError('请求不合法', 'InvalidInput');
  if (err instanceof Error && /ECONNREFUSED|failed to connect|transport error|UNAVAILABLE/i.test(err.message)) {
    return new UserError('后台服务暂时不可用，请稍后再试', 'Unavailable');
  }
  return undefined;
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const user = toUserError(err);
  if (user) return sendError(reply, user);
  req.log.error({ err }, 'unexpected error');
  return reply.status(500).send({ error: { code: 'Internal', message: '服务器内部错误，请稍后再试；如持续出现请联系系统管理员', fields: [] } });
}

/**
 * Node's own refusals, before a request exists (headers or URL over 16 KB, a malformed request
 * line or length): the same error body, written to the socket, which is then closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'PayloadTooLarge', '请求地址或请求头过长']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', 'InvalidInput', '请求超时']
    : [400, 'Bad Request', 'InvalidInput', '请求格式不合法'];
  const body = JSON.stringify({ error: { code, message, fields: [] } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
