import type { Client } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client';
import { listCampaigns } from '../db/queries/list-campaigns';
import { listAccounts as listAccountRows } from '../db/queries/list-accounts';
import { CampaignLedgerSchema } from '../domain/schemas';
import { createAccount, importAccountsFromCampaign } from './accounts';
import { createCampaign } from './campaigns';
import { generatePassword } from './passwords';

// The demo `npm start` sets up on a first start: the Qingyuan campaign (rebuilt from a real
// published report) and one account per person of its ledger, plus an administrator.

export const DEMO_LEDGER = path.resolve(__dirname, '../demo/ledger.json');
export const DEMO_ADMIN = 'admin';

export interface DemoResult {
  campaignId: string;
  problems: number;
  usernames: string[];
  /** The shared password of the demo accounts; `generated` when it was not given. */
  password: string;
  generated: boolean;
}

/** A database with neither campaigns nor accounts has never been used: a first start. */
export async function isFirstStart(db: Db): Promise<boolean> {
  return (await listCampaigns(db)).length === 0 && (await listAccountRows(db)).length === 0;
}

/**
 * Loads the demo campaign and its accounts (username = person id). Demo accounts are not forced
 * to change their password: the point of a demo is to look around at once.
 */
export async function loadDemo(client: Client, db: Db, o: { taskQueue: string; password?: string; onProgress?: (done: number, total: number) => void }): Promise<DemoResult> {
  const ledger = CampaignLedgerSchema.parse(JSON.parse(readFileSync(DEMO_LEDGER, 'utf8')));
  const password = o.password ?? generatePassword(12);
  await createCampaign(client, db, ledger, { taskQueue: o.taskQueue, onProgress: o.onProgress });
  const now = Date.now();
  const imported = await importAccountsFromCampaign(db, ledger.id, { password, mustChange: false, now });
  const admin = await createAccount(db, { username: DEMO_ADMIN, personId: DEMO_ADMIN, name: '系统管理员', role: 'admin', password, mustChangePassword: false }, now);
  return {
    campaignId: ledger.id,
    problems: ledger.problems.length,
    usernames: [...imported.created.map((c) => c.account.username), admin.account.username],
    password,
    generated: o.password === undefined,
  };
}
