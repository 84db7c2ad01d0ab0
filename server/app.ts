import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { UserError } from '../domain/errors';
import type { Desk } from './context';
import { clientErrorHandler, errorHandler, sendError, toUserError } from './errors';
import { registerSecurity } from './security';
import { registerSessionGate } from './session';
import { pageFallback, registerWeb } from './web';
import { registerRoutes } from './routes';

/**
 * The desk's HTTP server: the JSON API under /api, its OpenAPI document, and the web pages.
 * Nothing listens yet; the caller decides the port (server/main.ts, npm start, tests).
 */
export async function buildServer(desk: Desk): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: desk.logger as FastifyBaseLogger,
    // Behind a proxy the client address comes from X-Forwarded-For; rate limits need the real one.
    trustProxy: desk.config.publicOrigin !== undefined,
    bodyLimit: 1024 * 1024,
    // A JSON body is a form's worth of fields; files go through multipart with their own limit.
    routerOptions: { maxParamLength: 200 },
    // A bad URL or an over-long parameter is answered before any route: in our error body too.
    frameworkErrors: (err, _req, reply) => {
      void sendError(reply, toUserError(err) ?? new UserError('请求不合法', 'InvalidInput'));
    },
    // What Node refuses before Fastify sees a request (a 20 KB URL, a broken request line).
    clientErrorHandler,
  });
  // The API speaks JSON only; Fastify's default text/plain parser would hand a route a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(
    (req, reply) =>
      (desk.config.webRoot ? pageFallback(req, reply) : undefined) ??
      sendError(reply, new UserError(`没有这个地址：${req.method} ${req.url.split('?')[0]}`, 'NotFound')),
  );

  await app.register(cookie);
  await registerSecurity(app, desk);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new UserError(`尝试过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`, 'RateLimited'), { statusCode: 429 }),
  });
  // The evidence store enforces the real limit while streaming; this bound only stops a runaway body.
  await app.register(multipart, { limits: { fileSize: desk.config.maxUploadBytes + 1, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'rectify 巡察整改销号 API', version: '1.0.0', description: '登录后用会话 Cookie 调用；错误统一为 { error: { code, message, fields } }。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'rectify_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  // An action without fields (claim, submitPlan) may be sent with no body at all.
  app.addHook('preValidation', async (req) => {
    if (req.method === 'POST' && req.body === undefined && !req.isMultipart()) req.body = {};
  });
  registerSessionGate(app, desk);
  await registerRoutes(app, desk);
  if (desk.config.webRoot) await registerWeb(app, desk.config.webRoot);
  return app;
}
