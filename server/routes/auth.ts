import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LoginBodySchema, LoginResultSchema, MeSchema, PasswordChangeBodySchema } from '../../api/auth';
import { ErrorBodySchema } from '../../api/common';
import { changePassword, signIn, signOut } from '../../services/auth';
import type { Desk } from '../context';
import { clearSessionCookie, me, setSessionCookie } from '../session';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 423: ErrorBodySchema, 429: ErrorBodySchema };

export function registerAuthRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: desk.config.loginRateLimit, timeWindow: 60_000 } },
      schema: { tags: ['登录'], summary: '登录（用户名为人员编号）', security: [], body: LoginBodySchema, response: { 200: LoginResultSchema, ...errors } },
    },
    async (req, reply) => {
      const result = await signIn(desk.db, { username: req.body.username, password: req.body.password, ip: req.ip, now: Date.now() });
      setSessionCookie(reply, desk, result.token);
      return { user: result.me };
    },
  );
  r.post(
    '/api/auth/logout',
    { config: { access: 'password-change' }, schema: { tags: ['登录'], summary: '退出登录' } },
    async (req, reply) => {
      await signOut(desk.db, { token: req.sessionToken, ip: req.ip, now: Date.now() });
      clearSessionCookie(reply, desk);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/auth/me',
    { config: { access: 'password-change' }, schema: { tags: ['登录'], summary: '当前用户', response: { 200: MeSchema, 401: ErrorBodySchema } } },
    async (req) => me(req),
  );
  r.post(
    '/api/auth/password',
    {
      config: { access: 'password-change' },
      schema: { tags: ['登录'], summary: '修改密码（首次登录须先修改）', body: PasswordChangeBodySchema, response: { 200: MeSchema, ...errors } },
    },
    async (req) =>
      changePassword(desk.db, { token: req.sessionToken, currentPassword: req.body.currentPassword, newPassword: req.body.newPassword, ip: req.ip, now: Date.now() }),
  );
}
