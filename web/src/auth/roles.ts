import type { AccountRole } from '../../../domain/accounts';

export { ROLE_LABEL } from '../../../domain/accounts';

/** Who works on problems; admin manages accounts and imports only and sees no problem data. */
export const seesProblems = (role: AccountRole): boolean => role !== 'admin';
