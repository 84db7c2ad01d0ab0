// Group robots (群机器人): a webhook per department's group chat, or the office's, per campaign and
// provider. The webhook URL holds the robot's key and the signing secret signs each message: both
// are sealed with SecretBox before they reach the database, never logged, never returned — the desk
// sees a masked hint. openRobot unseals them for whoever sends (the delivery engine).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client';
import { deleteRobot as removeRobot } from '../db/queries/delete-robot';
import { getCampaign } from '../db/queries/get-campaign';
import { getRobot, type RobotRow } from '../db/queries/get-robot';
import { insertRobot } from '../db/queries/insert-robot';
import { listRobots } from '../db/queries/list-robots';
import { updateRobot as writeRobot, type RobotPatch } from '../db/queries/update-robot';
import { ROBOT_PROVIDER_LABEL, RobotCreateBodySchema, type RobotCreateInput, RobotPatchBodySchema, type RobotPatchInput } from '../domain/contact-forms';
import type { RobotProvider } from '../domain/contacts';
import { UserError } from '../domain/errors';
import { userErrorFromZod } from '../domain/schemas';
import { env, type Env } from './env';
import { SecretBox, secretKeyFor } from './secrets';

export type { RobotRow } from '../db/queries/get-robot';

/** The box robots are sealed with: RECTIFY_SECRET_KEY, or the key generated into the data folder. */
export function robotSecretBox(e: Env = env()): SecretBox {
  return new SecretBox(robotSecretKey(e));
}

export function robotSecretKey(e: Env = env()): string {
  if (e.RECTIFY_SECRET_KEY) return e.RECTIFY_SECRET_KEY;
  const dir = path.resolve(e.RECTIFY_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return secretKeyFor(undefined, dir);
}

/** A robot as the desk shows it (api/contacts.ts RobotSchema): nothing secret. */
export interface RobotView {
  id: number;
  campaignId: string;
  department: string | null;
  provider: RobotProvider;
  name: string;
  webhookHint: string;
  hasSecret: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A robot ready to send with: the webhook URL and the signing secret in plain text. Never log it. */
export interface OpenedRobot extends Omit<RobotRow, 'webhookEnc' | 'secretEnc'> {
  webhook: string;
  secret: string | null;
}

export interface RobotOptions {
  /** http://127.0.0.1 / localhost webhooks (the tests' robot sinks); RECTIFY_ALLOW_LOCAL_ROBOTS by default. */
  allowLocal?: boolean;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const PROVIDER_URL: Record<RobotProvider, { hosts: string[]; ok(u: URL): boolean; example: string }> = {
  wecom: { hosts: ['qyapi.weixin.qq.com'], ok: (u) => u.pathname === '/cgi-bin/webhook/send' && !!u.searchParams.get('key'), example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' },
  dingtalk: { hosts: ['oapi.dingtalk.com'], ok: (u) => u.pathname === '/robot/send' && !!u.searchParams.get('access_token'), example: 'https://oapi.dingtalk.com/robot/send?access_token=…' },
  feishu: {
    hosts: ['open.feishu.cn', 'open.larksuite.com'],
    ok: (u) => /^\/open-apis\/bot\/v2\/hook\/[\w-]+$/.test(u.pathname),
    example: 'https://open.feishu.cn/open-apis/bot/v2/hook/…（或 open.larksuite.com）',
  },
};

/** What is wrong with a webhook URL for this provider, in Chinese; undefined when it is fine. Never echoes the URL. */
export function webhookProblem(provider: RobotProvider, webhook: string, o: RobotOptions = {}): string | undefined {
  let u: URL;
  try {
    u = new URL(webhook);
  } catch {
    return 'Webhook 地址不是有效的网址';
  }
  if (u.username || u.password) return 'Webhook 地址中不能包含用户名或密码';
  const allowLocal = o.allowLocal ?? env().RECTIFY_ALLOW_LOCAL_ROBOTS;
  if (allowLocal && LOCAL_HOSTS.has(u.hostname) && (u.protocol === 'http:' || u.protocol === 'https:')) return undefined;
  const rule = PROVIDER_URL[provider];
  const expected = `${ROBOT_PROVIDER_LABEL[provider]}群机器人的 Webhook 地址应为 ${rule.example}`;
  if (u.protocol !== 'https:') return `Webhook 地址须以 https:// 开头：${expected}`;
  if (!rule.hosts.includes(u.hostname) || u.port) return expected;
  return rule.ok(u) ? undefined : expected;
}

/** "https://oapi.dingtalk.com/…n4Xk": enough to tell two robots apart, not enough to use one. */
export function maskWebhook(webhook: string): string {
  let origin = '';
  try {
    origin = new URL(webhook).origin;
  } catch {
    // stored only after validation; a broken value still gets no more than its last characters
  }
  return `${origin}/…${webhook.length > 16 ? webhook.slice(-4) : ''}`;
}

const iso = (d: Date) => new Date(d).toISOString();

/** The desk's view of a stored robot: the webhook unsealed only to be masked here. */
export function robotView(box: SecretBox, r: RobotRow): RobotView {
  let webhookHint: string;
  try {
    webhookHint = maskWebhook(box.open(r.webhookEnc));
  } catch {
    webhookHint = '（无法解密：RECTIFY_SECRET_KEY 与保存时的不一致，请重新填写 Webhook 地址）';
  }
  return {
    id: r.id, campaignId: r.campaignId, department: r.department, provider: r.provider, name: r.name, webhookHint,
    hasSecret: r.secretEnc !== null, enabled: r.enabled, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt),
  };
}

/** The robot with its webhook and secret in plain text, for sending. Throws UserError InvalidState when the key does not fit. */
export function openRobot(box: SecretBox, r: RobotRow): OpenedRobot {
  const { webhookEnc, secretEnc, ...rest } = r;
  return { ...rest, webhook: box.open(webhookEnc), secret: secretEnc === null ? null : box.open(secretEnc) };
}

/** The enabled robots of one group (a department, or null for the office's), unsealed for sending. */
export async function openRobotsOfGroup(db: Db, box: SecretBox, campaignId: string, department: string | null): Promise<OpenedRobot[]> {
  return (await listRobots(db, { campaignId, department, enabledOnly: true })).map((r) => openRobot(box, r));
}

const invalid = (path: string, message: string) => new UserError(message, 'InvalidInput', [{ path, message }]);

function checkSecrets(provider: RobotProvider, webhook: string | undefined, secret: string | null | undefined, o: RobotOptions): void {
  const problem = webhook === undefined ? undefined : webhookProblem(provider, webhook, o);
  if (problem) throw invalid('webhook', problem);
  if (provider === 'wecom' && secret) throw invalid('secret', '企业微信群机器人没有加签密钥：请留空');
}

async function campaignDepartments(db: Db, campaignId: string): Promise<string[]> {
  const record = await getCampaign(db, campaignId);
  if (!record) throw new UserError(`找不到巡察整改「${campaignId}」`, 'NotFound');
  return record.departments;
}

/** The campaign's robots as the desk shows them, and the departments a robot may be set for. */
export async function listRobotViews(db: Db, box: SecretBox, campaignId: string): Promise<{ items: RobotView[]; departments: string[] }> {
  const departments = await campaignDepartments(db, campaignId);
  return { items: (await listRobots(db, { campaignId })).map((r) => robotView(box, r)), departments };
}

/** Adds a robot; InvalidInput (fields named), NotFound (campaign) or Conflict (the group has one of this provider). */
export async function createRobot(db: Db, box: SecretBox, campaignId: string, input: RobotCreateInput, now: number, o: RobotOptions = {}): Promise<RobotView> {
  const parsed = RobotCreateBodySchema.safeParse(input);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  const r = parsed.data;
  const departments = await campaignDepartments(db, campaignId);
  if (r.department !== null && !departments.includes(r.department)) throw invalid('department', `本巡察整改没有科室「${r.department}」`);
  checkSecrets(r.provider, r.webhook, r.secret, o);
  const row = await insertRobot(db, {
    campaignId, department: r.department, provider: r.provider, name: r.name,
    webhookEnc: box.seal(r.webhook), secretEnc: r.secret ? box.seal(r.secret) : null, enabled: r.enabled, at: new Date(now),
  });
  if (!row) {
    const message = `${r.department ?? '办公室'}群已有${ROBOT_PROVIDER_LABEL[r.provider]}机器人：请修改已有的，或先删除它`;
    throw new UserError(message, 'Conflict', [{ path: 'provider', message }]);
  }
  return robotView(box, row);
}

export interface UpdatedRobot {
  view: RobotView;
  /** Names of the fields given (for the audit trail; never their values). */
  changed: (keyof RobotPatchInput)[];
}

/** Changes name, webhook, secret (null removes it) or enabled; NotFound when the robot is not the campaign's. */
export async function updateRobot(db: Db, box: SecretBox, campaignId: string, id: number, input: RobotPatchInput, now: number, o: RobotOptions = {}): Promise<UpdatedRobot> {
  const parsed = RobotPatchBodySchema.safeParse(input);
  if (!parsed.success) throw userErrorFromZod(parsed.error);
  const p = parsed.data;
  const current = await getRobot(db, campaignId, id);
  if (!current) throw new UserError(`找不到群机器人 ${id}`, 'NotFound');
  checkSecrets(current.provider, p.webhook, p.secret, o);
  const patch: RobotPatch = {
    name: p.name,
    enabled: p.enabled,
    ...(p.webhook !== undefined ? { webhookEnc: box.seal(p.webhook) } : {}),
    ...(p.secret !== undefined ? { secretEnc: p.secret === null ? null : box.seal(p.secret) } : {}),
  };
  const row = await writeRobot(db, campaignId, id, patch, new Date(now));
  if (!row) throw new UserError(`找不到群机器人 ${id}`, 'NotFound');
  const changed = (['name', 'webhook', 'secret', 'enabled'] as const).filter((k) => p[k] !== undefined);
  return { view: robotView(box, row), changed };
}

/** Removes the robot; returns what it was (for the audit trail). A robot with sent messages on record is only disabled. */
export async function deleteRobot(db: Db, box: SecretBox, campaignId: string, id: number): Promise<RobotView> {
  const current = await getRobot(db, campaignId, id);
  if (!current) throw new UserError(`找不到群机器人 ${id}`, 'NotFound');
  try {
    await removeRobot(db, campaignId, id);
  } catch (e) {
    // Delivery records may refer to the robot (foreign key): keep it, tell the person to disable it.
    if ((e as { code?: string }).code === '23503') throw new UserError('该群机器人已有发送记录，不能删除：请改为停用', 'Conflict');
    throw e;
  }
  return robotView(box, current);
}
