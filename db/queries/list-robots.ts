import type { Db } from '../client';
import { ROBOT_COLUMNS, type RobotRow } from './get-robot';

export interface RobotQuery {
  campaignId: string;
  /** Only this group's robots: a department, or null for the office's group. All groups when absent. */
  department?: string | null;
  /** Only enabled robots (what a sender wants). */
  enabledOnly?: boolean;
}

/** The campaign's robots: the office's group first, then by department and provider. */
export async function listRobots(db: Db, q: RobotQuery): Promise<RobotRow[]> {
  const params: unknown[] = [q.campaignId];
  let where = 'campaign_id = $1';
  if (q.department !== undefined) where += q.department === null ? ' and department is null' : ` and department = $${params.push(q.department)}`;
  if (q.enabledOnly) where += ' and enabled';
  const { rows } = await db.query<RobotRow>(
    `select ${ROBOT_COLUMNS} from robots where ${where}
     order by department collate "C" nulls first, provider, id`,
    params,
  );
  return rows;
}
