import type { FastifyRequest } from 'fastify';
import { insertDeskAudit } from '../db/queries/insert-desk-audit';
import type { Desk } from './context';

/** One line in the desk's audit trail, with the signed-in user and the address it came from. */
export async function audit(
  desk: Desk,
  req: FastifyRequest,
  kind: string,
  where: { campaignId?: string; problemNo?: number },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await insertDeskAudit(desk.db, {
    at: new Date(),
    username: req.me?.username ?? null,
    personId: req.me?.personId ?? null,
    kind,
    campaignId: where.campaignId ?? null,
    problemNo: where.problemNo ?? null,
    detail,
    ip: req.ip,
  });
}
