import type { AccountRole as Role } from '../api/types';

/** One entry of the side menu. The route table in App.tsx and the role guard read the same list. */
export interface NavItem {
  key: PageKey;
  label: string;
  /** campaign: /c/:campaignId/<key>; global: /<key>. */
  scope: 'campaign' | 'global';
  roles: readonly Role[];
}

export type PageKey = 'tasks' | 'review' | 'ledger' | 'supervision' | 'overview' | 'admin';

const WORKERS: readonly Role[] = ['dept_owner', 'dept_member', 'leader', 'office', 'head'];

export const NAV: readonly NavItem[] = [
  { key: 'tasks', label: '我的任务', scope: 'campaign', roles: WORKERS },
  // Approvers only: a department never approves its own work.
  { key: 'review', label: '待审核', scope: 'campaign', roles: ['leader', 'office', 'head'] },
  { key: 'ledger', label: '台账', scope: 'campaign', roles: WORKERS },
  { key: 'supervision', label: '督办中心', scope: 'campaign', roles: WORKERS },
  { key: 'overview', label: '总览', scope: 'campaign', roles: ['office', 'head'] },
  { key: 'admin', label: '管理', scope: 'global', roles: ['admin', 'office'] },
];

export const navItem = (key: PageKey): NavItem => NAV.find((n) => n.key === key) as NavItem;

export const mayOpen = (role: Role, key: PageKey): boolean => navItem(key).roles.includes(role);

/** The menu of one role; campaign pages need a campaign to point at. */
export function menuFor(role: Role, campaignId: string | undefined): { key: PageKey; label: string; path: string }[] {
  return NAV.filter((n) => n.roles.includes(role) && (n.scope === 'global' || campaignId !== undefined)).map((n) => ({
    key: n.key,
    label: n.label,
    path: pathOf(n.key, campaignId),
  }));
}

export function pathOf(key: PageKey, campaignId: string | undefined): string {
  return navItem(key).scope === 'global' || campaignId === undefined ? `/${key}` : `/c/${encodeURIComponent(campaignId)}/${key}`;
}

/** 问题档案 of one problem; not a menu entry (reached from lists), guarded like the ledger. */
export const problemPath = (campaignId: string, no: number): string => `/c/${encodeURIComponent(campaignId)}/problems/${no}`;
