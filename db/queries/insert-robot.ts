import type { RobotProvider } from '../../domain/contacts';
import type { Db } from '../client';
import { ROBOT_COLUMNS, type RobotRow } from './get-robot';

export interface NewRobotRow {
  campaignId: string;
  department: string | null;
  provider: RobotProvider;
  name: string;
  /** Sealed by the caller: plaintext never reaches the database. */
  webhookEnc: string;
  secretEnc: string | null;
  enabled: boolean;
  at: Date;
}

/** Adds the robot; null when its group already has one of this provider (one per provider per group). */
export async function insertRobot(db: Db, r: NewRobotRow): Promise<RobotRow | null> {
  const { rows: [row] } = await db.query<RobotRow>(
    `insert into robots (campaign_id, department, provider, name, webhook_enc, secret_enc, enabled, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     on conflict do nothing
     returning ${ROBOT_COLUMNS}`,
    [r.campaignId, r.department, r.provider, r.name, r.webhookEnc, r.secretEnc, r.enabled, r.at],
  );
  return row ?? null;
}
