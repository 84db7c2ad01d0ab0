import type { FastifyRequest } from 'fastify';
import type { AccountBody } from '../../api/admin';
import { type AccountRole, type Me, ROLE_LABEL } from '../../domain/accounts';
import { UserError } from '../../domain/errors';
import type { AccountRow } from '../../services/accounts';
import type { ContactBody } from '../../services/contacts';
import { me } from '../session';

// What the 管理 routes share: the role gate and an account as the API shows it.

/** The signed-in user if their role is one of `roles`; Forbidden otherwise. */
export function requireRole(req: FastifyRequest, roles: readonly AccountRole[], what: string): Me {
  const user = me(req);
  if (!roles.includes(user.role)) {
    throw new UserError(`${what}只对${roles.map((r) => ROLE_LABEL[r]).join('、')}开放（您的角色：${ROLE_LABEL[user.role]}）`, 'Forbidden');
  }
  return user;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** An account as the API shows it: the listed fields only, times as ISO strings; with the person's contacts when given. */
export function accountBody(a: AccountRow, contact?: ContactBody): AccountBody {
  return {
    username: a.username,
    personId: a.personId,
    name: a.name,
    role: a.role,
    department: a.department,
    mustChangePassword: a.mustChangePassword,
    disabled: a.disabled,
    failedAttempts: a.failedAttempts,
    lockedUntil: iso(a.lockedUntil),
    lastSignInAt: iso(a.lastSignInAt),
    passwordChangedAt: iso(a.passwordChangedAt),
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
    ...(contact ? { contact } : {}),
  };
}
