// What the desk, documents and admin tests share: binary downloads over real HTTP, multipart forms,
// an administrator account, and the text of a downloaded .docx.
import { createAccount } from '../../services/accounts';
import { docxText } from '../report/documents-fixture';
import { type DeskHarness, PASSWORD, type Session } from '../support/desk';

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The error body when the answer is JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** GET a file with the session's cookie, keeping the bytes as they came. */
export async function download(s: Session, url: string): Promise<Download> {
  const res = await fetch(s.baseUrl + url, { headers: s.cookie ? { cookie: s.cookie } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  const isJson = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, headers: res.headers, bytes, json: isJson ? JSON.parse(bytes.toString('utf8')) : undefined };
}

/** Sessions of several users, signed in side by side, in the order named. */
export async function logins<const N extends readonly string[]>(desk: DeskHarness, names: N): Promise<{ [K in keyof N]: Session }> {
  return (await Promise.all(names.map((u) => desk.login(u)))) as { [K in keyof N]: Session };
}

/** A multipart form with one file and text fields, as the 管理 page sends it. */
export function form(name: string, bytes: Uint8Array, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([bytes]), name);
  return f;
}

/** The system administrator (smallLedger has none): signs in with the test password. */
export async function addAdmin(desk: DeskHarness, username = 'admin'): Promise<Session> {
  await createAccount(desk.h.db, { username, personId: username, name: '系统管理员', role: 'admin', password: PASSWORD, mustChangePassword: false }, Date.now());
  return desk.login(username);
}

/** The paragraphs and table rows of a .docx, joined into one string for `toContain`. */
export async function docText(bytes: Buffer): Promise<string> {
  const { paragraphs, rows } = await docxText(bytes);
  return [...paragraphs, ...rows].join('\n');
}

/** `filename*=UTF-8''…` of a Content-Disposition header, decoded. */
export function fileNameOf(headers: Headers): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(headers.get('content-disposition') ?? '');
  if (!m) throw new Error(`no filename* in ${headers.get('content-disposition')}`);
  return decodeURIComponent(m[1]!);
}
