import { UserError } from '../domain/errors';

/** "3" with -c, or "campaign/3": which problem a command is about. */
export function problemRef(ref: string, campaign: string | undefined): { campaignId: string; no: number } {
  const m = /^(?:(.+)\/)?(\d+)$/.exec(ref.trim());
  const campaignId = m?.[1] ?? campaign;
  if (!m || !campaignId) throw new UserError(`问题引用「${ref}」无效：请写 巡察整改编号/序号，或用 -c 指定巡察整改编号`);
  return { campaignId, no: Number(m[2]) };
}
