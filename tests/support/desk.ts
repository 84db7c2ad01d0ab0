import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, shanghaiDate } from '../../domain/dates';
import type { CampaignLedger } from '../../domain/schemas';
import { importAccountsFromCampaign } from '../../services/accounts';
import { createCampaign } from '../../services/campaigns';
import { evidenceStoreFor } from '../../services/evidence';
import { createLogger } from '../../services/logger';
import { buildServer } from '../../server/app';
import type { DeskConfig } from '../../server/context';
import type { DeliveryDeps } from '../../services/delivery/config';
import { Harness } from './harness';
import { smallLedger } from './ledger';

/** The password every test account gets (not forced to change unless a test resets it). */
export const PASSWORD = 'Rectify2026';

/** The key test desks seal robot webhooks and secrets with (DeskConfig.secretKey). */
export const TEST_SECRET_KEY = 'rectify-test-secret-key-0123456789abcdef';

/** smallLedger with deadlines ahead of today, so no escalation fires during a test. */
export function deskLedger(id: string, overrides: Partial<Record<keyof CampaignLedger, unknown>> = {}): CampaignLedger {
  const today = shanghaiDate(Date.now());
  const base = smallLedger();
  const inDays = (n: number) => addDays(today, n);
  return smallLedger({
    id,
    feedbackDate: addDays(today, -30),
    concentratedPeriodEnd: inDays(90),
    problems: base.problems.map((p) => ({
      ...p,
      deadline: p.deadline ? inDays(p.no === 2 ? 20 : 60) : undefined,
      measures: p.measures.map((m) => ({ ...m, due: inDays(40) })),
    })),
    ...overrides,
  });
}

/** A response: JSON bodies parsed (tests read them freely), anything else as text. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reply = { status: number; body: any; headers: Headers };

/** A signed-in browser stand-in: keeps the session cookie and talks to the real server over HTTP. */
export class Session {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const isRaw = typeof body === 'string' || body instanceof FormData || body instanceof Uint8Array;
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined && !isRaw ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : isRaw ? (body as RequestInit['body']) : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: a file or a page
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);

  async upload(url: string, name: string, bytes: Uint8Array, type = 'application/octet-stream') {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    return this.request('POST', url, form);
  }
}

/** The desk on a real port, over a real Temporal dev server, PostgreSQL and a worker. */
export class DeskHarness {
  private constructor(
    readonly h: Harness,
    readonly app: FastifyInstance,
    readonly baseUrl: string,
    readonly dataDir: string,
  ) {}

  /** `logger`: e.g. one writing to a buffer, to check what the server logs; silent by default. */
  static async start(ledger: CampaignLedger, config: Partial<DeskConfig> = {}, o: { logger?: Logger; delivery?: DeliveryDeps } = {}): Promise<DeskHarness> {
    const h = await Harness.devServer({ delivery: o.delivery });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-desk-'));
    await createCampaign(h.client, h.db, ledger, { taskQueue: h.taskQueue });
    await importAccountsFromCampaign(h.db, ledger.id, { password: PASSWORD, mustChange: false });
    const app = await buildServer({
      db: h.db,
      temporal: h.client,
      evidence: evidenceStoreFor(dataDir),
      logger: o.logger ?? createLogger('silent'),
      config: { maxUploadBytes: 1024 * 1024, secureCookie: false, loginRateLimit: 1000, taskQueue: h.taskQueue, secretKey: TEST_SECRET_KEY, ...config },
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return new DeskHarness(h, app, address, dataDir);
  }

  anonymous(): Session {
    return new Session(this.baseUrl);
  }

  async login(username: string, password = PASSWORD): Promise<Session> {
    const s = new Session(this.baseUrl);
    const r = await s.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return s;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.h.close();
  }
}
