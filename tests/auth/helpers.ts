// Shared by the auth tests: accounts with known passwords, a clock, and a scan for leaked secrets.
import type { Db } from '../../db/client';
import type { AccountRole } from '../../domain/accounts';
import { createAccount } from '../../services/accounts';

export const T0 = Date.parse('2025-03-03T01:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** An account that may sign in at once (no forced change) with `password`. */
export async function account(db: Db, username: string, password: string, role: AccountRole = 'office', department: string | null = null) {
  return (await createAccount(db, { username, personId: username, name: `用户${username}`, role, department, password, mustChangePassword: false }, T0)).account;
}

/** Every audit row as one JSON text, to search for strings that must never be there. */
export async function auditText(db: Db): Promise<string> {
  const { rows } = await db.query('select * from desk_audit order by id');
  return JSON.stringify(rows);
}

/** The error a promise rejects with, to look at all of it (message, code, fields). */
export async function failureOf(p: Promise<unknown>): Promise<{ name: string; message: string; code?: string; fields?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as { name: string; message: string; code?: string; fields?: unknown };
  }
  throw new Error('expected a rejection');
}
