import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The built web app (web/dist), its files served as they are. */
export async function registerWeb(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`网页文件不存在：${root}（请先运行 npm run build:web）`);
  await app.register(fastifyStatic, { root, wildcard: false, index: false, maxAge: '1h' });
}

/**
 * The app's own routes (/c/…/ledger, /login) are the browser's: a GET for a page that is neither
 * an API call nor a file answers index.html, and the app shows the page. Returns undefined when the
 * request is not such a page.
 */
export function pageFallback(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const url = req.url.split('?')[0] ?? '/';
  if (req.method !== 'GET' || url === '/api' || url.startsWith('/api/') || path.extname(url) !== '') return undefined;
  // index.html must always be fresh: it names the current bundle.
  return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
}
