import type { RobotProvider } from '../../domain/contacts';
import type { Db } from '../client';

/**
 * A group robot as stored. The webhook URL (it carries the robot's key) and the signing secret are
 * only ever here sealed (services/secrets.ts SecretBox); services/robots.ts openRobot unseals them
 * for sending, and robotView masks them for the desk.
 */
export interface RobotRow {
  id: number;
  campaignId: string;
  /** Null: the office's group (leaders, the office, the head: people without a department). */
  department: string | null;
  provider: RobotProvider;
  name: string;
  webhookEnc: string;
  secretEnc: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The select list of RobotRow, shared by the modules that return robots. */
export const ROBOT_COLUMNS = `id, campaign_id as "campaignId", department, provider, name, webhook_enc as "webhookEnc",
  secret_enc as "secretEnc", enabled, created_at as "createdAt", updated_at as "updatedAt"`;

/** One robot of the campaign; null when unknown (or of another campaign). */
export async function getRobot(db: Db, campaignId: string, id: number): Promise<RobotRow | null> {
  const { rows: [row] } = await db.query<RobotRow>(`select ${ROBOT_COLUMNS} from robots where campaign_id = $1 and id = $2`, [campaignId, id]);
  return row ?? null;
}
