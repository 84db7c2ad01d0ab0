import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Me } from '../domain/accounts';
import { UserError } from '../domain/errors';
import { resolveSession } from '../services/auth';
import type { Desk } from './context';

// The session cookie and the gate in front of every /api route. The cookie holds an opaque token;
// the database knows its hash, its account and its timeouts (services/auth.ts).

export const SESSION_COOKIE = 'rectify_session';

export function setSessionCookie(reply: FastifyReply, desk: Desk, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: desk.config.secureCookie });
}

export function clearSessionCookie(reply: FastifyReply, desk: Desk): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: desk.config.secureCookie });
}

/** The signed-in person; routes behind the gate always have one. */
export function me(req: FastifyRequest): Me {
  if (!req.me) throw new UserError('请先登录', 'Unauthorized');
  return req.me;
}

export function registerSessionGate(app: FastifyInstance, desk: Desk): void {
  app.decorateRequest('me', null);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config.access ?? 'user';
    req.sessionToken = req.cookies[SESSION_COOKIE];
    if (req.sessionToken) req.me = await resolveSession(desk.db, req.sessionToken, Date.now());
    if (access === 'public') return;
    // An unknown /api path answers 404 to the signed-in and 401 to everyone else: nothing about
    // the API's shape leaks before sign-in.
    if (!req.me) throw new UserError('请先登录', 'Unauthorized');
    if (req.me.mustChangePassword && access !== 'password-change') {
      throw new UserError('首次登录或密码被重置后，须先修改密码', 'PasswordChangeRequired');
    }
  });
}
