// Shared by the API tests in this folder: the admin account, snapshots of one problem (projection
// rows and live workflow state), and a fingerprint of everything a refused request must not write.
import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Db } from '../../db/client';
import { problemWorkflowId } from '../../domain/ids';
import type { ActionName, ProblemData } from '../../domain/problem-types';
import { addDays, shanghaiDate } from '../../domain/dates';
import { createAccount } from '../../services/accounts';
import { stateQuery } from '../../workflows/definitions';
import { type DeskHarness, PASSWORD, type Reply } from '../support/desk';

/** The system administrator, who manages accounts and sees no problem data. */
export async function createAdmin(desk: DeskHarness, username = 'admin'): Promise<void> {
  await createAccount(desk.h.db, { username, personId: username, name: '系统管理员', role: 'admin', password: PASSWORD, mustChangePassword: false }, Date.now());
}

export interface ProblemSnapshot {
  problem: unknown[];
  measures: unknown[];
  evidence: unknown[];
  audit: unknown[];
  progress: unknown[];
  notifications: unknown[];
  state: ProblemData;
}

/** Everything the projection and the workflow hold about one problem. */
export async function snapshotProblem(desk: DeskHarness, campaignId: string, no: number): Promise<ProblemSnapshot> {
  const db = desk.h.db;
  const rows = async (table: string, order: string) =>
    (await db.query(`select * from ${table} where campaign_id = $1 and problem_no = $2 order by ${order}`, [campaignId, no])).rows;
  const [problem, measures, evidence, audit, progress, notifications, state] = await Promise.all([
    db.query('select * from problems where campaign_id = $1 and no = $2', [campaignId, no]).then((r) => r.rows),
    rows('measures', 'id'),
    rows('evidence', 'measure_id, seq'),
    rows('audit', 'seq'),
    rows('progress_reports', 'seq'),
    rows('notifications', 'id'),
    desk.h.client.workflow.getHandle(problemWorkflowId(campaignId, no)).query(stateQuery),
  ]);
  return { problem, measures, evidence, audit, progress, notifications, state };
}

/** The projection has caught up with the workflow (same version); retried until it has. */
export async function projectionCaughtUp(desk: DeskHarness, campaignId: string, no: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await desk.h.client.workflow.getHandle(problemWorkflowId(campaignId, no)).query(stateQuery);
    const { rows } = await desk.h.db.query<{ version: number }>('select version from problems where campaign_id = $1 and no = $2', [campaignId, no]);
    if (rows[0]?.version === state.version) return;
    if (Date.now() > deadline) throw new Error(`projection of problem ${no} stuck at ${rows[0]?.version}, workflow at ${state.version}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Tables a refused request must leave alone, with the columns that identify what was written
// (a session's last_seen_at moves on reads, so it is left out; so is nothing else).
const WATCHED: Record<string, string> = {
  campaigns: 'select * from campaigns',
  campaign_events: 'select * from campaign_events',
  problems: 'select * from problems',
  measures: 'select * from measures',
  evidence: 'select * from evidence',
  evidence_files: 'select * from evidence_files',
  evidence_uploads: 'select * from evidence_uploads',
  audit: 'select * from audit',
  progress_reports: 'select * from progress_reports',
  notifications: 'select * from notifications',
  accounts: 'select * from accounts',
  sessions: 'select id, token_sha256, username, created_at, ip, ended_at, end_reason from sessions',
};

/** Every file under a folder (relative paths and sizes), sorted; empty when it does not exist. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else out.push(`${path.relative(root, full)} ${st.size}`);
    }
  };
  walk(root);
  return out.sort();
}

/** Row count and a digest of every watched table, and the evidence store's files. */
export async function fingerprint(db: Db, dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    Object.entries(WATCHED).map(async ([table, select]) => {
      const { rows } = await db.query<{ n: number; digest: string }>(
        `select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from (${select}) t`,
      );
      out[table] = `${rows[0]!.n} ${rows[0]!.digest}`;
    }),
  );
  out.files = listFiles(dataDir).join(', ');
  return out;
}

/** The error body every 4xx/5xx must have: a code, a non-empty Chinese message, field errors. */
export function expectErrorBody(r: Reply, code: string): void {
  expect(r.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(r.body).toEqual({ error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/), fields: expect.any(Array) } });
  for (const f of r.body.error.fields as unknown[]) expect(f).toEqual({ path: expect.any(String), message: expect.stringMatching(/\S/) });
}

const inDays = (n: number) => addDays(shanghaiDate(Date.now()), n);

/** A body each action accepts (the actor is the signed-in account, never in the body), dated from today. */
const PAYLOAD: Record<ActionName, Record<string, unknown>> = {
  claim: {},
  planMeasures: { measures: [{ text: '修订报销审核细则', owner: 'fin1', due: inDays(30) }] },
  submitPlan: {},
  decidePlan: { approve: true },
  completeMeasure: { measureId: 'M1', evidence: [{ kind: 'text', text: '已印发《报销管理办法》' }], outcomes: { regulations: 1 } },
  reportProgress: { text: '本月完成专题学习两次' },
  requestExtension: { until: inDays(90), reason: '需等待上级文件' },
  decideExtension: { approve: true },
  requestClosure: {},
  reviewClosure: { approve: true },
  verifyClosure: { approve: true },
  approveClosure: { approve: true },
  markPhaseComplete: {},
  confirmLookBack: {},
  reopen: { reason: '回头看发现问题反弹', deadline: inDays(45) },
  remind: { text: '请尽快推进' },
};

export const actionPayload = (action: ActionName): Record<string, unknown> => PAYLOAD[action];

/** Runs tasks `size` at a time, in order. */
export async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/**
 * A request exactly as given: fetch would normalise '../' in the path, set a correct length and
 * refuse some headers; an attacker's client does none of that.
 */
export function rawRequest(baseUrl: string, method: string, target: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON
        }
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: h });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart/form-data body written by hand, for forms no browser would send. */
export function multipart(parts: { name: string; filename?: string; type?: string; content: string | Buffer }[], boundary = 'rectifyBoundary'): { body: Buffer; contentType: string } {
  const chunks = parts.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n`),
    Buffer.from(p.type ? `Content-Type: ${p.type}\r\n\r\n` : '\r\n'),
    Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
    Buffer.from('\r\n'),
  ]);
  return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
