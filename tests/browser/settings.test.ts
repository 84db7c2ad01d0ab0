import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, DESKTOP, newPage, pageErrors, PHONE, screenshot } from '../support/browser';
import { DeskHarness, deskLedger, type Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { addAdmin } from '../server/desk-helpers';
import { button, openedDialog, pickOption, signIn } from './desk-pages';

// 通知设置 and 管理 → 群机器人 in real Chromium against the real server: a department owner sets
// their email and DingTalk id and drops WeCom on a phone; the office adds a DingTalk robot for 财务科
// and from then on sees only its masked hint — the webhook's key and the secret never reach the page.

const root = path.resolve(__dirname, '../..');
const webRoot = path.join(root, 'web/dist');
const id = uniqueId('settings');
const TOKEN = '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4dQ7pZ';
const SECRET = `SEC${'0a1b2c3d4e5f'.repeat(5)}9876`;
let desk: DeskHarness;
let office: Session;

beforeAll(async () => {
  // Builds web/dist when any of its sources is newer (only stats files when up to date).
  // Jest sets NODE_ENV=test; the bundle must be the production one people get (no dev warnings).
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.js')], { cwd: root, stdio: 'inherit' });
  desk = await DeskHarness.start(deskLedger(id), { webRoot });
  office = await desk.login('office1');
  await addAdmin(desk);
  // 财务科's group has a WeCom robot already: by default fin1 is reached there.
  const wecom = await office.post(`/api/campaigns/${id}/robots`, { department: '财务科', provider: 'wecom', name: '财务科企业微信群', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-key-1' });
  expect(wecom.status).toBe(200);
}, 240_000);
afterAll(async () => {
  await closeBrowser();
  await desk?.close();
});

/** Runs the steps in a fresh page; on failure keeps a screenshot of what the page showed. */
async function inPage(name: string, o: { user: string; phone?: boolean }, steps: (page: Page) => Promise<void>): Promise<void> {
  const page = await newPage(desk.baseUrl, { viewport: o.phone ? PHONE : DESKTOP });
  const errors = pageErrors(page);
  try {
    await signIn(page, o.user);
    await steps(page);
  } catch (e) {
    await screenshot(page, `${name}-failure`).catch(() => undefined);
    throw e;
  }
  expect(errors).toEqual([]);
}

const checkbox = (page: Page, label: string) => page.getByTestId('channels').getByRole('checkbox', { name: new RegExp(label) });

test('通知设置 on a phone: fin1 sets an email and a DingTalk userId and unticks 企业微信', async () => {
  await inPage('通知设置', { user: 'fin1', phone: true }, async (page) => {
    // From the account menu in the header.
    await page.getByRole('button', { name: '账号' }).click();
    await page.getByRole('menuitem', { name: '通知设置' }).click();
    await page.waitForURL((u) => u.pathname === '/settings/notifications');
    await page.getByText('未选择时：有邮箱则发邮件；所在科室（或办公室）的群机器人都会 @ 您').waitFor();
    // The defaults: the group's WeCom robot; no email without an address.
    expect(await checkbox(page, '企业微信').isChecked()).toBe(true);
    expect(await checkbox(page, '电子邮件').isChecked()).toBe(false);
    await page.getByTestId('channel-mode').getByText('当前为默认设置：企业微信').waitFor();

    await page.getByRole('textbox', { name: '邮箱' }).fill('qian@hospital.cn');
    // An address makes email one of the defaults at once.
    await eventually(async () => expect(await checkbox(page, '电子邮件').isChecked()).toBe(true));
    await page.getByRole('textbox', { name: '钉钉 userId' }).fill('manager4521');
    await checkbox(page, '企业微信').uncheck();
    await page.getByTestId('channel-mode').getByText('当前为自选：电子邮件').waitFor();
    // The page fits the phone: nothing to scroll sideways.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await screenshot(page, '通知设置-手机');
    await button(page, '保存').click();
    await page.getByText('通知设置已保存').waitFor();
    await page.getByTestId('channel-mode').getByText('当前为自选：电子邮件').waitFor();
  });
  const fin1 = await desk.login('fin1');
  expect((await fin1.get('/api/me/contact')).body).toMatchObject({
    email: 'qian@hospital.cn', dingtalkUserId: 'manager4521', wecomUserId: null, channels: ['email'], groupRobots: ['wecom'], defaults: ['email', 'wecom'],
  });
});

test('管理 → 群机器人: the office adds a DingTalk robot for 财务科 and sees only the masked hint', async () => {
  await inPage('群机器人', { user: 'office1' }, async (page) => {
    await page.goto('/admin?tab=robots');
    await button(page, '添加群机器人').click();
    const d = await openedDialog(page);
    await pickOption(page, d.getByLabel('群', { exact: true }), '财务科');
    await pickOption(page, d.getByLabel('平台'), '钉钉');
    await d.getByLabel('名称').fill('财务科钉钉群');
    await d.getByLabel('Webhook 地址').fill(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
    await d.getByLabel('加签密钥').fill(SECRET);
    await d.getByText('机器人「安全设置」选了「加签」时填写').waitFor();
    await screenshot(page, '群机器人-添加');
    await button(d, '保存').click();
    await d.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: '财务科钉钉群' });
    await row.getByText('https://oapi.dingtalk.com/…Q7pZ').waitFor();
    await row.getByText('已设置').waitFor();
    await screenshot(page, '群机器人');
    expect(await page.content()).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(SECRET);

    // 修改 shows the hint again, and an empty box only when asked to replace.
    await button(row, '修改').click();
    const edit = await openedDialog(page);
    await edit.getByTestId('webhook-hint').getByText('https://oapi.dingtalk.com/…Q7pZ').waitFor();
    expect(await page.content()).not.toContain(TOKEN);
    await button(edit, '取消').click();
    await edit.waitFor({ state: 'hidden' });
  });
  const robots = (await office.get(`/api/campaigns/${id}/robots`)).body.items;
  expect(robots.find((r: { provider: string }) => r.provider === 'dingtalk')).toMatchObject({ department: '财务科', name: '财务科钉钉群', hasSecret: true, enabled: true });
});

test('管理 → 账号: the administrator edits a person’s contacts with the account; a wrong one is shown under its box', async () => {
  await inPage('账号-联系方式', { user: 'admin' }, async (page) => {
    await page.goto('/admin?tab=accounts');
    const row = page.getByRole('row').filter({ hasText: '孙会计' });
    await button(row, '修改').click();
    const d = await openedDialog(page);
    await d.getByRole('textbox', { name: '邮箱' }).fill('sun@');
    await button(d, '保存').click();
    await d.getByText('邮箱地址格式不正确').waitFor();
    await d.getByRole('textbox', { name: '邮箱' }).fill('sun@hospital.cn');
    await d.getByRole('textbox', { name: '企业微信 userid' }).fill('SunKuaiJi');
    await screenshot(page, '账号-联系方式');
    await button(d, '保存').click();
    await d.waitFor({ state: 'hidden' });
  });
  const fin2 = await desk.login('fin2');
  expect((await fin2.get('/api/me/contact')).body).toMatchObject({ email: 'sun@hospital.cn', wecomUserId: 'SunKuaiJi', channels: null });
});
