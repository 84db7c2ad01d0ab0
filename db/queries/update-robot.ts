import type { Db } from '../client';
import { ROBOT_COLUMNS, type RobotRow } from './get-robot';

/** What may change on a robot; absent fields are kept. The group and the provider stay. */
export interface RobotPatch {
  name?: string;
  /** Sealed by the caller. */
  webhookEnc?: string;
  /** Sealed by the caller; null removes the secret. */
  secretEnc?: string | null;
  enabled?: boolean;
}

/** Applies the patch; null when the robot is unknown in this campaign. */
export async function updateRobot(db: Db, campaignId: string, id: number, patch: RobotPatch, at: Date): Promise<RobotRow | null> {
  // A flag per field: "keep" must differ from "set to null" for the secret.
  const { rows: [row] } = await db.query<RobotRow>(
    `update robots set
       name = case when $3 then $4 else name end,
       webhook_enc = case when $5 then $6 else webhook_enc end,
       secret_enc = case when $7 then $8 else secret_enc end,
       enabled = case when $9 then $10 else enabled end,
       updated_at = $11
     where campaign_id = $1 and id = $2
     returning ${ROBOT_COLUMNS}`,
    [campaignId, id, patch.name !== undefined, patch.name ?? null, patch.webhookEnc !== undefined, patch.webhookEnc ?? null,
      patch.secretEnc !== undefined, patch.secretEnc ?? null, patch.enabled !== undefined, patch.enabled ?? null, at],
  );
  return row ?? null;
}
