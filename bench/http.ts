// A signed-in browser stand-in for the benchmarks: keeps its session cookie, times each request,
// and reads the body so the timing includes the whole answer.

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
}

export class Session {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  async request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
    const t = performance.now();
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t;
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, ms };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);

  static async signIn(baseUrl: string, username: string, password: string): Promise<Session> {
    const s = new Session(baseUrl);
    const r = await s.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return s;
  }
}
