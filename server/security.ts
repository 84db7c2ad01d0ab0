import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError } from '../domain/errors';
import type { Desk } from './context';

// Security headers on every response, and the Origin check on every state-changing request: a
// page of another site must not be able to make a signed-in browser act (the SameSite=Strict
// cookie already stops that; this is the second lock).

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameOrigin(req: FastifyRequest, origin: string, desk: Desk): boolean {
  if (desk.config.publicOrigin && origin === new URL(desk.config.publicOrigin).origin) return true;
  const host = req.headers.host;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

export async function registerSecurity(app: FastifyInstance, desk: Desk): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // Evidence PDFs are previewed in a frame of our own origin.
        frameSrc: ["'self'"],
        objectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Only meaningful over https; set by the proxy in production.
    strictTransportSecurity: desk.config.secureCookie,
  });
  app.addHook('onRequest', async (req) => {
    if (!UNSAFE.has(req.method)) return;
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    // Browsers send Origin on every cross-origin write; scripts without one are not browsers.
    if (origin !== undefined ? !sameOrigin(req, origin, desk) : site === 'cross-site') {
      throw new UserError('拒绝跨站请求：请从本系统的页面操作', 'Forbidden');
    }
  });
}
