import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RobotProvider } from '../../domain/contacts';

// The three providers' robot webhooks as one local HTTP server. Each checks what the provider
// checks — DingTalk's and Feishu's signatures computed here independently of the code under test,
// WeCom's key — enforces the documented rate limits by the clock, and answers with the provider's
// real shapes: HTTP 200 with an error code in the body. Accepted posts are kept with the message
// key printed in them, so tests count arrivals and duplicates by key.

export interface RobotPost {
  provider: RobotProvider;
  token: string;
  body: Record<string, unknown>;
  /** The markdown text of the post. */
  text: string;
  /** The message key (消息编号) printed in the post. */
  key: string | null;
  at: number;
}

export interface Refusal {
  provider: RobotProvider;
  token: string;
  code: number;
  at: number;
}

interface Robot {
  provider: RobotProvider;
  secret: string | null;
  /** Posts accepted per window, as the provider documents (tests may tighten). */
  limits: { max: number; perMs: number }[];
}

const HOUR = 3600_000;
const DEFAULT_LIMITS: Record<RobotProvider, { max: number; perMs: number }[]> = {
  dingtalk: [{ max: 20, perMs: 60_000 }],
  wecom: [{ max: 20, perMs: 60_000 }],
  feishu: [{ max: 5, perMs: 1_000 }, { max: 100, perMs: 60_000 }],
};

const b64hmac = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('base64');

function textOf(provider: RobotProvider, body: Record<string, unknown>): string {
  const b = body as { markdown?: { text?: string; content?: string }; card?: { elements?: { content?: string }[] } };
  if (provider === 'dingtalk') return b.markdown?.text ?? '';
  if (provider === 'wecom') return b.markdown?.content ?? '';
  return (b.card?.elements ?? []).map((e) => e.content ?? '').join('\n');
}

export class RobotSinks {
  readonly accepted: RobotPost[] = [];
  readonly refused: Refusal[] = [];
  private readonly robots = new Map<string, Robot>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<RobotSinks> {
    const ref: { sinks?: RobotSinks } = {};
    // A sender killed mid-request (the crash test) resets its connection: that request just ends.
    const server = createServer((req, res) => void ref.sinks!.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    ref.sinks = new RobotSinks(server, (server.address() as AddressInfo).port);
    return ref.sinks;
  }

  /** Registers a robot; returns the webhook URL the robots table would hold. */
  add(provider: RobotProvider, token: string, secret: string | null, limits = DEFAULT_LIMITS[provider]): string {
    this.robots.set(`${provider}:${token}`, { provider, secret, limits });
    return this.webhookOf(provider, token);
  }

  webhookOf(provider: RobotProvider, token: string): string {
    const base = `http://127.0.0.1:${this.port}`;
    if (provider === 'dingtalk') return `${base}/robot/send?access_token=${token}`;
    if (provider === 'wecom') return `${base}/cgi-bin/webhook/send?key=${token}`;
    return `${base}/open-apis/bot/v2/hook/${token}`;
  }

  posts(provider: RobotProvider, token: string): RobotPost[] {
    return this.accepted.filter((p) => p.provider === provider && p.token === token);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://sink');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const answer = (json: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const now = Date.now();
    if (url.pathname === '/robot/send') return answer(this.dingtalk(url, body, now));
    if (url.pathname === '/cgi-bin/webhook/send') return answer(this.wecom(url, body, now));
    const feishu = /^\/open-apis\/bot\/v2\/hook\/([\w-]+)$/.exec(url.pathname);
    if (feishu) return answer(this.feishu(feishu[1]!, body, now));
    res.writeHead(404).end();
  }

  /** Within every limit, counting what was accepted in each window before now. */
  private throttled(provider: RobotProvider, token: string, robot: Robot, now: number): boolean {
    const mine = this.posts(provider, token);
    return robot.limits.some((l) => mine.filter((p) => p.at > now - l.perMs).length >= l.max);
  }

  private accept(provider: RobotProvider, token: string, body: Record<string, unknown>, now: number): void {
    const text = textOf(provider, body);
    this.accepted.push({ provider, token, body, text, key: /消息编号：([\w-]+)/.exec(text)?.[1] ?? null, at: now });
  }

  private refuse(provider: RobotProvider, token: string, code: number, now: number, json: Record<string, unknown>): Record<string, unknown> {
    this.refused.push({ provider, token, code, at: now });
    return json;
  }

  private dingtalk(url: URL, body: Record<string, unknown>, now: number): Record<string, unknown> {
    const token = url.searchParams.get('access_token') ?? '';
    const robot = this.robots.get(`dingtalk:${token}`);
    if (!robot) return this.refuse('dingtalk', token, 300001, now, { errcode: 300001, errmsg: 'token is not exist' });
    if (robot.secret) {
      const timestamp = Number(url.searchParams.get('timestamp'));
      // searchParams has already undone the sender's URL encoding once: compare with plain base64.
      const sign = url.searchParams.get('sign');
      const expected = b64hmac(robot.secret, `${timestamp}\n${robot.secret}`);
      if (!timestamp || Math.abs(now - timestamp) > HOUR || sign !== expected) {
        return this.refuse('dingtalk', token, 310000, now, { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' });
      }
    }
    if (this.throttled('dingtalk', token, robot, now)) return this.refuse('dingtalk', token, 130101, now, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    this.accept('dingtalk', token, body, now);
    return { errcode: 0, errmsg: 'ok' };
  }

  private wecom(url: URL, body: Record<string, unknown>, now: number): Record<string, unknown> {
    const token = url.searchParams.get('key') ?? '';
    const robot = this.robots.get(`wecom:${token}`);
    if (!robot) return this.refuse('wecom', token, 93000, now, { errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000_1_abc], from ip: 127.0.0.1' });
    if (this.throttled('wecom', token, robot, now)) return this.refuse('wecom', token, 45009, now, { errcode: 45009, errmsg: 'api freq out of limit' });
    this.accept('wecom', token, body, now);
    return { errcode: 0, errmsg: 'ok' };
  }

  private feishu(token: string, body: Record<string, unknown>, now: number): Record<string, unknown> {
    const robot = this.robots.get(`feishu:${token}`);
    if (!robot) return this.refuse('feishu', token, 19001, now, { code: 19001, data: {}, msg: 'param invalid: incoming webhook access token invalid' });
    if (robot.secret) {
      const timestamp = Number(body.timestamp);
      const expected = createHmac('sha256', `${timestamp}\n${robot.secret}`).digest('base64');
      if (!timestamp || Math.abs(now / 1000 - timestamp) > 3600 || body.sign !== expected) {
        return this.refuse('feishu', token, 19021, now, { code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' });
      }
    }
    if (this.throttled('feishu', token, robot, now)) return this.refuse('feishu', token, 9499, now, { code: 9499, data: {}, msg: 'too many request' });
    this.accept('feishu', token, body, now);
    return { code: 0, data: {}, msg: 'success' };
  }
}
