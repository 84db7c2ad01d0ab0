// The one way the app talks to the server: same-origin JSON with the session cookie. Every 4xx/5xx
// body is `{ error: { code, message, fields } }` (api/ holds the schemas); it becomes an ApiError.
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Do not leave the page on 401/PasswordChangeRequired (the login and password pages). */
  noRedirect?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: Method, path: string, body?: unknown, o: RequestOptions = {}): Promise<T> {
  const isForm = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: o.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NetworkError', '无法连接服务器，请检查网络后重试');
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  const error = await errorOf(res);
  if (!o.noRedirect) redirectFor(error);
  throw error;
}

export const api = {
  get: <T>(path: string, o?: RequestOptions) => request<T>('GET', path, undefined, o),
  post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, body ?? {}, o),
};

async function errorOf(res: Response): Promise<ApiError> {
  const fallback = `服务器错误（${res.status}）`;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const e = body.error ?? {};
    const fields = Array.isArray(e.fields) ? e.fields.filter(isFieldError) : [];
    return new ApiError(res.status, typeof e.code === 'string' ? e.code : 'Unknown', typeof e.message === 'string' ? e.message : fallback, fields);
  } catch {
    // A proxy's HTML error page, or an empty body.
    return new ApiError(res.status, res.status === 401 ? 'Unauthorized' : 'Unknown', fallback);
  }
}

function isFieldError(x: unknown): x is FieldError {
  return typeof x === 'object' && x !== null && typeof (x as FieldError).path === 'string' && typeof (x as FieldError).message === 'string';
}

// Full-page navigation on purpose: it drops every cached state of the signed-out session.
function redirectFor(e: ApiError): void {
  const here = window.location.pathname;
  const next = encodeURIComponent(here + window.location.search);
  if (e.status === 401 && here !== '/login') window.location.assign(`/login?next=${next}`);
  else if (e.code === 'PasswordChangeRequired' && here !== '/password') window.location.assign(`/password?next=${next}`);
}
