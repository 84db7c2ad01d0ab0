import type { CampaignStats } from '../../domain/stats';
import type { Db } from '../client';
import { json } from '../sql';
import { campaignStats } from './campaign-stats';

export interface WriteSnapshotParams {
  campaignId: string;
  /** e.g. 'concentrated-period-end'; one snapshot per kind. */
  kind: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai) the overdue figure is counted on. */
  today: string;
}

/**
 * Takes the campaign's figures once per kind. The first snapshot stays: a retry (or a second
 * caller) gets the stored figures back, not today's, so the report and the notice agree.
 */
export async function writeSnapshot(db: Db, p: WriteSnapshotParams): Promise<CampaignStats> {
  const stored = await readSnapshot(db, p);
  if (stored) return stored;
  const stats = await campaignStats(db, p.campaignId, p.today);
  await db.query(
    'insert into campaign_snapshots (campaign_id, kind, stats) values ($1, $2, $3) on conflict (campaign_id, kind) do nothing',
    [p.campaignId, p.kind, json(stats)],
  );
  const first = await readSnapshot(db, p);
  if (!first) throw new Error(`统计快照写入失败: ${p.campaignId}/${p.kind}`);
  return first;
}

async function readSnapshot(db: Db, p: WriteSnapshotParams): Promise<CampaignStats | undefined> {
  const { rows } = await db.query<{ stats: CampaignStats }>('select stats from campaign_snapshots where campaign_id = $1 and kind = $2', [
    p.campaignId,
    p.kind,
  ]);
  return rows[0]?.stats;
}
