import type { FastifyRequest } from 'fastify';
import { getCampaign, type CampaignRecord } from '../db/queries/get-campaign';
import { queryLedger, type LedgerRow } from '../db/queries/ledger';
import { shanghaiDate } from '../domain/dates';
import { UserError } from '../domain/errors';
import { ledgerScopeFor, type LedgerScope } from '../domain/permissions';
import type { Desk } from './context';
import { me } from './session';

// The signed-in user's remit, applied before anything is read: a problem outside it answers
// exactly like a problem that does not exist, so ids cannot be probed.

export const today = () => shanghaiDate(Date.now());

export function scopeOf(req: FastifyRequest): LedgerScope {
  const scope = ledgerScopeFor(me(req));
  if (!scope) throw new UserError('系统管理员不查看整改台账：请用负责整改工作的账号登录', 'Forbidden');
  return scope;
}

const campaignNotFound = (id: string) => new UserError(`找不到巡察整改「${id}」`, 'NotFound');
export const problemNotFound = (no: number) => new UserError(`找不到问题 ${no}，或不在您的职责范围内`, 'NotFound');

export async function campaignOf(desk: Desk, id: string): Promise<CampaignRecord> {
  const record = await getCampaign(desk.db, id);
  if (!record) throw campaignNotFound(id);
  return record;
}

/** The problem's ledger row if the user may see it; NotFound otherwise, whichever the reason. */
export async function visibleProblem(desk: Desk, req: FastifyRequest, campaignId: string, no: number): Promise<LedgerRow> {
  const { rows } = await queryLedger(desk.db, { campaignId, today: today(), scope: scopeOf(req), no });
  const row = rows[0];
  if (!row) throw problemNotFound(no);
  return row;
}
