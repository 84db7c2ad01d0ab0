import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addAdmin } from '../server/desk-helpers';
import { filledTemplate, INFO, ledgerWith, tempDir } from '../spreadsheet/helpers';
import { closeBrowser, DESKTOP, newPage, pageErrors, PHONE, screenshot } from '../support/browser';
import type { DeskHarness, Session } from '../support/desk';
import { eventually } from '../support/drive';
import { uniqueId } from '../support/harness';
import { button } from './desk-pages';
import { RETURNED, startOverviewDesk } from './overview-fixture';
import { barPixel, canvasSizes, headlineOf, signIn } from './overview-helpers';

// 总览, 督办中心, 我的任务 and 管理 in real Chromium against the real server (Temporal, PostgreSQL):
// the numbers on the pages are the API's, the charts open the 台账 filtered the same way.

const root = path.resolve(__dirname, '../..');
const webRoot = path.join(root, 'web/dist');
const id = uniqueId('ov');
const tmp = tempDir();
let desk: DeskHarness;
let office: Session;

beforeAll(async () => {
  if (!existsSync(path.join(webRoot, 'index.html'))) execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.js')], { cwd: root, stdio: 'inherit' });
  ({ desk, office } = await startOverviewDesk(id, webRoot));
}, 240_000);

afterAll(async () => {
  await closeBrowser();
  await desk?.close();
});

/** Runs the steps in a fresh page; on failure keeps a screenshot of what the page showed. */
async function inPage(name: string, o: { user: string; phone?: boolean }, steps: (page: Page) => Promise<void>): Promise<void> {
  const page = await newPage(desk.baseUrl, o.phone ? { viewport: PHONE } : {});
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

test('总览: headline figures equal the API, charts draw, a department bar opens that department in 台账', async () => {
  const api = (await office.get(`/api/campaigns/${id}/overview`)).body;
  const expected = headlineOf(api);
  expect(expected).toMatchObject({ total: 8, closed: 1, overdue: 2, red: 1, yellow: 1 });
  await inPage('总览', { user: 'office1' }, async (page) => {
    await page.goto(`/c/${id}/overview`);
    for (const [key, value] of Object.entries(expected)) {
      await expect(page.getByTestId(`headline-${key}`).locator('.ant-statistic-content-value').textContent()).resolves.toBe(String(value));
    }
    for (const chart of ['状态分布', '各科室整改情况', '逾期分布']) {
      const sizes = await canvasSizes(page, `chart-${chart}`);
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) expect(s.width * s.height).toBeGreaterThan(10_000);
    }
    await page.getByTestId('due-soon-4').waitFor();
    await screenshot(page, '总览');
    // At phone width the cards stack and the charts shrink with their boxes.
    await page.setViewportSize(PHONE);
    await eventually(async () => expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0));
    expect((await canvasSizes(page, 'chart-各科室整改情况'))[0]!.width).toBeLessThan(PHONE.width);
    await screenshot(page, '总览-手机');
    await page.setViewportSize(DESKTOP);

    // The leftmost overdue (red) bar: departments run in the API's order along the axis.
    const department = api.byDepartment.find((d: { overdue: number }) => d.overdue > 0).department;
    const at = await eventually(() => barPixel(page, 'chart-各科室整改情况', [255, 77, 79]), 10_000);
    await page.mouse.click(at.x, at.y);
    await page.waitForURL((u) => u.pathname.endsWith('/ledger'));
    const url = new URL(page.url());
    expect(url.searchParams.get('department')).toBe(department);
    expect(url.searchParams.get('overdue')).toBe('true');
    await page.getByRole('link', { name: '干部档案管理不规范' }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(department);
    await screenshot(page, '总览-点击科室后的台账');
  });
}, 120_000);

test('督办中心: the red problem first, with its 督办单 number, who was told, the notice and 催办', async () => {
  const list = (await office.get(`/api/campaigns/${id}/supervision`)).body;
  const red = list.items[0];
  await inPage('督办中心', { user: 'office1' }, async (page) => {
    await page.goto(`/c/${id}/supervision`);
    const card = page.getByTestId('supervision-2');
    await card.waitFor();
    expect(await page.locator('[data-testid^="supervision-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['supervision-2', 'supervision-5']);
    await expect(card.textContent()).resolves.toContain(red.noticeNumber);
    const told = (await page.getByTestId('told-2').textContent()) ?? '';
    expect(told).toContain('红牌预警、督办');
    for (const p of red.told.flatMap((t: { recipients: { name: string }[] }) => t.recipients)) expect(told).toContain(p.name);
    await screenshot(page, '督办中心');

    const download = page.waitForEvent('download');
    await card.getByRole('link', { name: /下载督办单/ }).click();
    expect((await download).suggestedFilename()).toContain('督办单');

    await button(card, '催办').click();
    await button(page.locator('.ant-popconfirm'), '发出催办').click();
    await page.getByText('已向人事科发出催办').waitFor();
    await page.getByTestId('told-2').getByText('办公室催办').waitFor();
  });
}, 120_000);

test('the header bell: the unread count of the API, the latest notifications, 全部标为已读', async () => {
  const bell = (await office.get(`/api/notifications?campaignId=${id}`)).body;
  expect(bell.unreadCount).toBeGreaterThan(0);
  await inPage('通知', { user: 'office1' }, async (page) => {
    await page.goto(`/c/${id}/tasks`);
    await page.getByRole('button', { name: `通知，${bell.unreadCount} 条未读` }).click();
    const list = page.getByTestId('notifications');
    await list.getByText(bell.items[0].title).first().waitFor();
    await screenshot(page, '通知');
    await button(list, '全部标为已读').click();
    await page.getByRole('button', { name: '通知', exact: true }).waitFor();
  });
  expect((await office.get(`/api/notifications?campaignId=${id}`)).body.unreadCount).toBe(0);
}, 60_000);

test('我的任务 at phone width: 认领 moves the problem from 待认领 to 待制定措施', async () => {
  await inPage('我的任务-手机', { user: 'fin1', phone: true }, async (page) => {
    await page.goto(`/c/${id}/tasks`);
    const claim = page.getByTestId('task-toClaim-1');
    await claim.waitFor();
    await expect(page.getByTestId('task-returned-8').textContent()).resolves.toContain(RETURNED);
    await page.getByTestId('task-toPlan-8').waitFor();
    await expect(page.getByTestId('task-measure-4-M1').textContent()).resolves.toContain('还剩 3 天');
    const tap = button(claim, '认领');
    expect((await tap.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await screenshot(page, '我的任务-手机');
    await tap.click();
    await page.getByTestId('task-toPlan-1').waitFor();
    await claim.waitFor({ state: 'detached' });
    await screenshot(page, '我的任务-手机-认领后');
  });
}, 120_000);

test('管理: a ledger with three errors lists all three; a good one is checked, loaded, passwords shown once', async () => {
  await addAdmin(desk);
  const bad = await filledTemplate(tmp('坏台账.xlsx'), { info: { ...INFO, 编号: uniqueId('bad') }, ledger: ledgerWith({ 2: { 8: '2025-13-01' }, 3: { 11: '2024-02-30' }, 4: { 6: '药剂科' } }) });
  const good = await filledTemplate(tmp('台账.xlsx'), { info: { ...INFO, 编号: uniqueId('good') } });
  await inPage('管理', { user: 'admin' }, async (page) => {
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.locator('input[type=file]').setInputFiles(bad);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const rows = await errors.locator('.ant-table-tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['2', '整改时限', '"2025-13-01" 不是有效日期'],
      ['3', '措施时限', '"2024-02-30" 不是有效日期'],
      ['4', '责任科室', '未知科室 "药剂科"（「人员」表和「巡察信息」中都没有这个科室）'],
    ]);
    await screenshot(page, '管理-台账错误');

    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('import-summary').getByText('3 个').first().waitFor();
    await page.getByRole('checkbox', { name: /同时为台账人员创建账号/ }).check();
    await button(page, '确认导入').click();
    const once = page.getByTestId('passwords-once');
    await once.waitFor();
    await expect(once.textContent()).resolves.toContain('孙会计');
    await screenshot(page, '管理-导入完成');

    await page.getByRole('tab', { name: /账号/ }).click();
    await page.getByRole('tabpanel').getByRole('cell', { name: 'p7', exact: true }).waitFor();
    await screenshot(page, '管理-账号');
    // The form checks with the domain's own schema: a department role needs its department.
    await button(page, '新建账号').click();
    const form = page.getByRole('dialog', { name: '新建账号' });
    await button(form, '保存').click();
    await form.getByText('科室负责人须指定所在科室').waitFor();
    await screenshot(page, '管理-新建账号');
  });
}, 120_000);

const seed = path.join(root, 'tests/fixtures/seeds/dezhou-mch-2025.txt');

test('管理 for the office: imports only (no 账号); a published report is read and shown before anything is loaded', async () => {
  await inPage('管理-通报', { user: 'office1' }, async (page) => {
    await page.goto('/admin?tab=report');
    await page.getByRole('tab', { name: /载入通报/ }).waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['载入台账', '载入通报', '群机器人']);
    await page.getByRole('tabpanel').locator('input[type=file]').setInputFiles(seed);
    await button(page, '检查通报').click();
    const recognised = page.getByTestId('recognised-report');
    await recognised.waitFor();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('德州市妇幼保健院');
    const expected = JSON.parse(readFileSync(seed.replace(/\.txt$/, '.expected.json'), 'utf8')) as { aspects: unknown[] };
    expect(await recognised.locator('.ant-collapse-header').count()).toBe(expected.aspects.length);
    await screenshot(page, '管理-通报识别结果');
  });
  expect((await office.get('/api/campaigns')).body.items.map((c: { id: string }) => c.id)).not.toContain('dezhou-mch-2025');
}, 60_000);
