import { createHmac } from 'node:crypto';
import type { RobotProvider } from '../../domain/contacts';
import { CHANNEL_SHORT } from '../../domain/delivery';
import { SendFailure } from './failure';

// Group robots (群机器人) as each provider documents them. The webhook URL carries the robot's
// token or key, so neither it nor the secret ever appears in an answer, an error or a log line.
// Providers answer HTTP 200 with an error code in the body: the body decides, not the status.

/**
 * DingTalk (钉钉) 加签: HMAC-SHA256 keyed with the secret over "timestamp\nsecret" (timestamp in
 * milliseconds), base64, then URL-encoded; sent as the query parameters timestamp and sign.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(mac);
}

/**
 * Feishu (飞书) 签名校验: HMAC-SHA256 keyed with "timestamp\nsecret" (timestamp in seconds) over
 * an empty message, base64; sent in the JSON body as timestamp and sign.
 */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

export interface RobotPost {
  provider: RobotProvider;
  webhook: string;
  secret: string | null;
  /** The message body without signature fields. */
  payload: Record<string, unknown>;
  /** The sender's clock for the signature (ms). */
  now: number;
}

/** Error codes that mean "too fast": transient, retried after a pause. */
const RATE_LIMITED: Record<RobotProvider, number[]> = { dingtalk: [130101, 410100], wecom: [45009], feishu: [9499, 11232] };
/** Codes worth a retry besides rate limits: the provider's own "system busy". */
const BUSY: Record<RobotProvider, number[]> = { dingtalk: [-1], wecom: [-1], feishu: [] };
/** Well-known permanent codes, named for the office. */
const KNOWN: Record<RobotProvider, Record<number, string>> = {
  dingtalk: { 310000: '签名错误或关键词、IP 不符', 300001: '机器人令牌无效', 400013: '群已解散', 400101: '机器人已停用' },
  wecom: { 93000: '机器人地址无效', 93004: '机器人已停用', 40008: '消息类型无效', 44004: '消息内容为空' },
  feishu: { 19021: '签名错误', 19024: '关键词不符', 19022: 'IP 不在白名单', 19001: '机器人地址无效', 9499: '发送过快' },
};

/** The code in a provider's JSON answer: errcode (DingTalk, WeCom), code or StatusCode (Feishu). */
function codeOf(provider: RobotProvider, body: Record<string, unknown>): number | null {
  const raw = provider === 'feishu' ? (body.code ?? body.StatusCode) : body.errcode;
  return typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : null;
}

/** Reads a provider's answer: returns it on success, throws a SendFailure otherwise. */
export function judgeAnswer(provider: RobotProvider, status: number, text: string): Record<string, unknown> {
  const label = CHANNEL_SHORT[provider];
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  const answer = body ?? { status, body: text.slice(0, 500) };
  if (status === 429) throw new SendFailure(`${label}限流（HTTP 429）`, true, answer, 10_000);
  if (status >= 500) throw new SendFailure(`${label}服务暂不可用（HTTP ${status}）`, true, answer);
  if (!body) throw new SendFailure(`${label}应答无法识别（HTTP ${status}）`, status >= 400 ? false : true, answer);
  const code = codeOf(provider, body);
  if (code === 0 && status < 300) return body;
  if (code === null) throw new SendFailure(`${label}应答无法识别（HTTP ${status}）`, status < 400, answer);
  const words = String(body.errmsg ?? body.msg ?? body.StatusMessage ?? '');
  if (RATE_LIMITED[provider].includes(code)) throw new SendFailure(`${label}发送过快，已排队重试（${code}）`, true, answer, provider === 'feishu' ? 2_000 : 15_000);
  if (BUSY[provider].includes(code)) throw new SendFailure(`${label}系统繁忙（${code}）`, true, answer);
  throw new SendFailure(`${label}${KNOWN[provider][code] ?? '拒绝了消息'}（${code}${words ? ` ${words}` : ''}）`, false, answer);
}

/** The request a provider expects: DingTalk signs in the query, Feishu in the body, WeCom by key. */
export function robotRequest(p: RobotPost): { url: string; body: Record<string, unknown> } {
  if (p.provider === 'dingtalk' && p.secret) {
    const url = new URL(p.webhook);
    // sign is already URL-encoded as DingTalk documents; append it as is, not through searchParams.
    const sep = url.search ? '&' : '?';
    return { url: `${p.webhook}${sep}timestamp=${p.now}&sign=${dingtalkSign(p.secret, p.now)}`, body: p.payload };
  }
  if (p.provider === 'feishu' && p.secret) {
    const ts = Math.floor(p.now / 1000);
    return { url: p.webhook, body: { timestamp: String(ts), sign: feishuSign(p.secret, ts), ...p.payload } };
  }
  return { url: p.webhook, body: p.payload };
}

/** Posts one message; the provider's answer on success, a SendFailure otherwise. */
export async function postToRobot(p: RobotPost, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const { url, body } = robotRequest(p);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    // fetch's own message may quote the URL (and with it the key): keep only the cause's code.
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new SendFailure(`无法连接${CHANNEL_SHORT[p.provider]}服务器`, true, { error: cause });
  }
  return judgeAnswer(p.provider, res.status, await res.text());
}
