// Hostile inputs, part 1: sign-in, password change, the ledger's filters and problem numbers,
// sessions and HTTP itself. Each case names the exact status and error code it must get.
import type { DeskHarness, Reply, Session } from '../support/desk';
import { rawRequest } from './helpers';

export interface HostileCase {
  category: string;
  name: string;
  send: () => Promise<Reply>;
  status: number;
  code: string;
  /** Part of the message, when the message itself is what the case is about. */
  message?: RegExp;
  /** A field the error must name. */
  field?: string;
  /** Another request whose answer must be the same, numbers aside (a problem that does not exist). */
  sameAs?: () => Promise<Reply>;
}

export interface HostileContext {
  desk: DeskHarness;
  id: string;
  anon: Session;
  fin1: Session;
  vp1: Session;
  admin: Session;
  /** A file fin1 uploaded to problem 1 (财务科) and one hr1 uploaded to problem 2 (人事科). */
  finSha: string;
  hrSha: string;
}

const EVIL = { origin: 'http://evil.example' };
const json = { 'content-type': 'application/json' };
const big = (n: number) => 'x'.repeat(n);

export function requestCases(c: HostileContext): HostileCase[] {
  const { id, anon, fin1 } = c;
  const raw = (method: string, target: string, headers: Record<string, string>, body?: string | Buffer) => rawRequest(c.desk.baseUrl, method, target, headers, body);
  const login = (body: unknown, headers?: Record<string, string>) => anon.request('POST', '/api/auth/login', body, headers);
  const loginRaw = (body: string, headers: Record<string, string> = json) => raw('POST', '/api/auth/login', headers, body);
  const password = (body: unknown, headers?: Record<string, string>) => fin1.request('POST', '/api/auth/password', body, headers);
  const list = (query: string) => fin1.get(`/api/campaigns/${id}/problems?${query}`);
  const L = 'sign-in';
  const P = 'password change';
  const F = 'ledger filters';
  const N = 'problem numbers and ids';
  const H = 'sessions and HTTP';
  return [
    { category: L, name: 'malformed JSON', send: () => loginRaw('{"username":"fin1",'), status: 400, code: 'InvalidInput', message: /JSON/ },
    { category: L, name: 'a JSON array', send: () => login([]), status: 400, code: 'InvalidInput' },
    { category: L, name: 'a JSON string', send: () => loginRaw('"fin1"'), status: 400, code: 'InvalidInput' },
    { category: L, name: 'JSON null', send: () => loginRaw('null'), status: 400, code: 'InvalidInput' },
    { category: L, name: 'an empty JSON body', send: () => loginRaw(''), status: 400, code: 'InvalidInput', message: /为空/ },
    { category: L, name: 'username a number', send: () => login({ username: 42, password: 'x' }), status: 400, code: 'InvalidInput', field: 'username' },
    { category: L, name: 'password a boolean', send: () => login({ username: 'fin1', password: true }), status: 400, code: 'InvalidInput', field: 'password' },
    { category: L, name: 'password missing', send: () => login({ username: 'fin1' }), status: 400, code: 'InvalidInput', field: 'password' },
    { category: L, name: 'username missing', send: () => login({ password: 'x' }), status: 400, code: 'InvalidInput', field: 'username' },
    { category: L, name: 'an extra field (role: admin)', send: () => login({ username: 'fin1', password: 'x', role: 'admin' }), status: 400, code: 'InvalidInput', message: /未知字段/ },
    { category: L, name: 'username of 100 000 characters', send: () => login({ username: big(100_000), password: 'x' }), status: 400, code: 'InvalidInput', field: 'username' },
    { category: L, name: 'password of 100 000 characters', send: () => login({ username: 'fin1', password: big(100_000) }), status: 400, code: 'InvalidInput', field: 'password' },
    { category: L, name: "SQL as username (' or 1=1 --)", send: () => login({ username: "' or 1=1 --", password: 'x' }), status: 401, code: 'Unauthorized', message: /^用户名或密码错误$/ },
    { category: L, name: "SQL as username (admin'--)", send: () => login({ username: "admin'--", password: 'x' }), status: 401, code: 'Unauthorized' },
    { category: L, name: 'NUL in the username', send: () => login({ username: 'fin1\u0000', password: 'x' }), status: 401, code: 'Unauthorized' },
    { category: L, name: '../ as username', send: () => login({ username: '../../etc/passwd', password: 'x' }), status: 401, code: 'Unauthorized' },
    { category: L, name: 'script as username', send: () => login({ username: '<script>alert(1)</script>', password: 'x' }), status: 401, code: 'Unauthorized' },
    { category: L, name: 'text/plain body', send: () => loginRaw('username=fin1', { 'content-type': 'text/plain' }), status: 415, code: 'UnsupportedMediaType' },
    { category: L, name: 'form-urlencoded body', send: () => loginRaw('username=fin1&password=x', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415, code: 'UnsupportedMediaType' },
    { category: L, name: 'no content type', send: () => loginRaw('{"username":"fin1","password":"x"}', {}), status: 415, code: 'UnsupportedMediaType' },
    { category: L, name: 'JSON body over 1 MB', send: () => login({ username: 'fin1', password: big(1_100_000) }), status: 413, code: 'PayloadTooLarge' },
    { category: L, name: '__proto__ in the body', send: () => loginRaw('{"__proto__":{"role":"admin"},"username":"fin1","password":"x"}'), status: 400, code: 'InvalidInput' },
    { category: L, name: 'constructor.prototype in the body', send: () => loginRaw('{"constructor":{"prototype":{"x":1}},"username":"fin1","password":"x"}'), status: 400, code: 'InvalidInput' },
    { category: L, name: 'cross-origin (Origin: evil.example)', send: () => login({ username: 'fin1', password: 'x' }, EVIL), status: 403, code: 'Forbidden', message: /跨站/ },
    { category: L, name: 'cross-site (Sec-Fetch-Site, no Origin)', send: () => login({ username: 'fin1', password: 'x' }, { 'sec-fetch-site': 'cross-site' }), status: 403, code: 'Forbidden' },
    { category: L, name: 'Origin: null (sandboxed frame)', send: () => login({ username: 'fin1', password: 'x' }, { origin: 'null' }), status: 403, code: 'Forbidden' },

    { category: P, name: 'malformed JSON', send: () => raw('POST', '/api/auth/password', { ...json, cookie: fin1.cookie }, '{"currentPassword":'), status: 400, code: 'InvalidInput' },
    { category: P, name: 'an extra field (username)', send: () => password({ currentPassword: 'x', newPassword: 'Newpass2026', username: 'head' }), status: 400, code: 'InvalidInput' },
    { category: P, name: 'newPassword a number', send: () => password({ currentPassword: 'x', newPassword: 12345678 }), status: 400, code: 'InvalidInput', field: 'newPassword' },
    { category: P, name: 'currentPassword missing', send: () => password({ newPassword: 'Newpass2026' }), status: 400, code: 'InvalidInput', field: 'currentPassword' },
    { category: P, name: 'newPassword of 100 000 characters', send: () => password({ currentPassword: 'x', newPassword: big(100_000) }), status: 400, code: 'InvalidInput', field: 'newPassword' },
    { category: P, name: 'a new password against the policy', send: () => password({ currentPassword: 'x', newPassword: 'short' }), status: 400, code: 'InvalidInput', field: 'newPassword' },
    { category: P, name: 'cross-origin', send: () => password({ currentPassword: 'x', newPassword: 'Newpass2026' }, EVIL), status: 403, code: 'Forbidden' },
    { category: P, name: 'text/plain body', send: () => raw('POST', '/api/auth/password', { 'content-type': 'text/plain', cookie: fin1.cookie }, 'x'), status: 415, code: 'UnsupportedMediaType' },
    { category: P, name: 'sign-out cross-origin (the session must stay open)', send: () => fin1.post('/api/auth/logout', {}, EVIL), status: 403, code: 'Forbidden' },

    { category: F, name: "SQL in status (' or 1=1 --)", send: () => list(`status=${encodeURIComponent("' or 1=1 --")}`), status: 400, code: 'InvalidInput', field: 'status.0' },
    { category: F, name: 'an unknown status', send: () => list('status=deleted'), status: 400, code: 'InvalidInput' },
    { category: F, name: 'status given twice', send: () => list('status=assigned&status=planning'), status: 400, code: 'InvalidInput', field: 'status' },
    { category: F, name: 'department of 101 characters', send: () => list(`department=${big(101)}`), status: 400, code: 'InvalidInput', field: 'department' },
    { category: F, name: 'an empty department', send: () => list('department='), status: 400, code: 'InvalidInput', field: 'department' },
    { category: F, name: 'SQL in kind', send: () => list(`kind=${encodeURIComponent("immediate' or '1'='1")}`), status: 400, code: 'InvalidInput', field: 'kind' },
    { category: F, name: 'an unknown warning', send: () => list('warning=orange'), status: 400, code: 'InvalidInput', field: 'warning' },
    { category: F, name: 'overdue=yes', send: () => list('overdue=yes'), status: 400, code: 'InvalidInput', field: 'overdue' },
    { category: F, name: 'dueWithinDays negative', send: () => list('dueWithinDays=-1'), status: 400, code: 'InvalidInput', field: 'dueWithinDays' },
    { category: F, name: 'dueWithinDays not a number', send: () => list('dueWithinDays=abc'), status: 400, code: 'InvalidInput', field: 'dueWithinDays' },
    { category: F, name: 'dueWithinDays huge', send: () => list('dueWithinDays=1000000000'), status: 400, code: 'InvalidInput', field: 'dueWithinDays' },
    { category: F, name: 'deadlineFrom not a date', send: () => list('deadlineFrom=2024-13-45'), status: 400, code: 'InvalidInput', field: 'deadlineFrom' },
    { category: F, name: 'SQL in deadlineTo', send: () => list(`deadlineTo=${encodeURIComponent("2024-01-01'; drop table problems; --")}`), status: 400, code: 'InvalidInput', field: 'deadlineTo' },
    { category: F, name: 'q of 101 characters', send: () => list(`q=${big(101)}`), status: 400, code: 'InvalidInput', field: 'q' },
    { category: F, name: 'q of 10 000 characters', send: () => list(`q=${big(10_000)}`), status: 400, code: 'InvalidInput', field: 'q' },
    { category: F, name: 'q of 100 000 characters (URL over the header limit)', send: () => list(`q=${big(100_000)}`), status: 431, code: 'PayloadTooLarge' },
    { category: F, name: 'SQL in sort', send: () => list(`sort=${encodeURIComponent('no; drop table problems')}`), status: 400, code: 'InvalidInput', field: 'sort' },
    { category: F, name: 'sort by a column that is not offered', send: () => list('sort=password_hash'), status: 400, code: 'InvalidInput', field: 'sort' },
    { category: F, name: 'SQL in order', send: () => list(`order=${encodeURIComponent('asc, (select 1)')}`), status: 400, code: 'InvalidInput', field: 'order' },
    { category: F, name: 'page 0', send: () => list('page=0'), status: 400, code: 'InvalidInput', field: 'page' },
    { category: F, name: 'page negative', send: () => list('page=-1'), status: 400, code: 'InvalidInput', field: 'page' },
    { category: F, name: 'page huge', send: () => list('page=1000000000000'), status: 400, code: 'InvalidInput', field: 'page' },
    { category: F, name: 'page not a number', send: () => list('page=abc'), status: 400, code: 'InvalidInput', field: 'page' },
    { category: F, name: 'page a fraction', send: () => list('page=1.5'), status: 400, code: 'InvalidInput', field: 'page' },
    { category: F, name: 'pageSize 0', send: () => list('pageSize=0'), status: 400, code: 'InvalidInput', field: 'pageSize' },
    { category: F, name: 'pageSize negative', send: () => list('pageSize=-5'), status: 400, code: 'InvalidInput', field: 'pageSize' },
    { category: F, name: 'pageSize huge', send: () => list('pageSize=100000'), status: 400, code: 'InvalidInput', field: 'pageSize' },
    { category: F, name: 'pageSize NaN', send: () => list('pageSize=NaN'), status: 400, code: 'InvalidInput', field: 'pageSize' },
    { category: F, name: 'an unknown parameter', send: () => list('foo=1'), status: 400, code: 'InvalidInput', message: /未知/ },
    { category: F, name: 'an unknown parameter named __proto__', send: () => list('__proto__=1'), status: 400, code: 'InvalidInput' },
    { category: F, name: 'the ledger as admin (no remit)', send: () => c.admin.get(`/api/campaigns/${id}/problems`), status: 403, code: 'Forbidden' },

    { category: N, name: 'campaign id with SQL', send: () => fin1.get(`/api/campaigns/${encodeURIComponent("x' or '1'='1")}/problems`), status: 400, code: 'InvalidInput', field: 'id' },
    { category: N, name: 'campaign id with encoded ../', send: () => raw('GET', '/api/campaigns/..%2F..%2Fetc/problems', { cookie: fin1.cookie }), status: 400, code: 'InvalidInput', field: 'id' },
    { category: N, name: 'campaign id with NUL', send: () => raw('GET', '/api/campaigns/a%00b/problems', { cookie: fin1.cookie }), status: 400, code: 'InvalidInput', field: 'id' },
    { category: N, name: 'campaign id of 300 characters', send: () => fin1.get(`/api/campaigns/${big(300)}`), status: 400, code: 'InvalidInput' },
    { category: N, name: 'a campaign that does not exist', send: () => fin1.get('/api/campaigns/no-such-campaign/problems'), status: 404, code: 'NotFound' },
    { category: N, name: 'raw ../ in the path', send: () => raw('GET', '/api/campaigns/../../etc/passwd', { cookie: fin1.cookie }), status: 404, code: 'NotFound' },
    { category: N, name: 'problem number not a number', send: () => fin1.get(`/api/campaigns/${id}/problems/abc`), status: 400, code: 'InvalidInput', field: 'no' },
    { category: N, name: 'problem number negative', send: () => fin1.get(`/api/campaigns/${id}/problems/-1`), status: 400, code: 'InvalidInput', field: 'no' },
    { category: N, name: 'problem number 0', send: () => fin1.get(`/api/campaigns/${id}/problems/0`), status: 400, code: 'InvalidInput', field: 'no' },
    { category: N, name: 'problem number huge', send: () => fin1.get(`/api/campaigns/${id}/problems/10000000`), status: 400, code: 'InvalidInput', field: 'no' },
    { category: N, name: 'problem number with SQL', send: () => fin1.get(`/api/campaigns/${id}/problems/${encodeURIComponent('1; drop table problems')}`), status: 400, code: 'InvalidInput', field: 'no' },
    { category: N, name: 'problem number NUL', send: () => raw('GET', `/api/campaigns/${id}/problems/%00`, { cookie: fin1.cookie }), status: 400, code: 'InvalidInput', field: 'no' },
    { category: N, name: 'a DELETE the API does not have', send: () => fin1.request('DELETE', `/api/campaigns/${id}/problems/1`), status: 404, code: 'NotFound' },

    { category: H, name: 'a session cookie of SQL', send: () => raw('GET', '/api/auth/me', { cookie: "rectify_session=' or 1=1 --" }), status: 401, code: 'Unauthorized' },
    { category: H, name: 'a guessed session token', send: () => raw('GET', '/api/auth/me', { cookie: `rectify_session=${'A'.repeat(43)}` }), status: 401, code: 'Unauthorized' },
    { category: H, name: 'a cookie header over the size limit', send: () => raw('GET', '/api/auth/me', { cookie: `rectify_session=${big(40_000)}` }), status: 431, code: 'PayloadTooLarge' },
    { category: H, name: 'Content-Length shorter than the body', send: () => raw('POST', '/api/auth/login', { ...json, 'content-length': '5' }, '{"username":"fin1","password":"x"}'), status: 400, code: 'InvalidInput' },
  ];
}
