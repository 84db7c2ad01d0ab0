import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Desk } from '../context';

const Check = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });
const Health = z.object({ status: z.enum(['ok', 'degraded']), temporal: Check, database: Check });

async function timed(probe: () => Promise<unknown>): Promise<z.infer<typeof Check>> {
  const start = performance.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('超时（3 秒）')), 3000).unref())]);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (e) {
    // The first line only: a driver's message may carry more than people need (never a secret).
    return { ok: false, ms: Math.round(performance.now() - start), error: (e instanceof Error ? e.message : String(e)).split('\n')[0] };
  }
}

export function registerHealthRoutes(app: FastifyInstance, desk: Desk): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['系统'], summary: '健康检查：Temporal 与数据库是否可达', response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      const [temporal, database] = await Promise.all([
        timed(() => desk.temporal.connection.workflowService.getSystemInfo({})),
        timed(() => desk.db.query('select 1')),
      ]);
      const ok = temporal.ok && database.ok;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', temporal, database });
    },
  );
}
