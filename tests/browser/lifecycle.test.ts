import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, newPage, pageErrors, PHONE, DESKTOP, screenshot } from '../support/browser';
import { DeskHarness, deskLedger } from '../support/desk';
import { uniqueId } from '../support/harness';
import { act, button, decide, openedDialog, openMenu, openQueueItem, pickOption, signIn, signOut, waitStep } from './desk-pages';
import { writeSamples } from './samples';

// One problem from 待认领 to 已销号, entirely through the pages, in real Chromium against the real
// server (Temporal, PostgreSQL): the department, its leader, the office and the head in turn.

const root = path.resolve(__dirname, '../..');
const webRoot = path.join(root, 'web/dist');
const id = uniqueId('web');
const REASON = '佐证材料缺少盖章页<script>window.__pwned=1</script>';
let desk: DeskHarness;

beforeAll(async () => {
  if (!existsSync(path.join(webRoot, 'index.html'))) execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.js')], { cwd: root, stdio: 'inherit' });
  desk = await DeskHarness.start(deskLedger(id), { webRoot });
}, 180_000);
afterAll(async () => {
  await closeBrowser();
  await desk?.close();
});

const problemUrl = `/c/${id}/problems/1`;

async function as(page: Page, user: string): Promise<void> {
  if (!page.url().includes('/login')) await signOut(page);
  await signIn(page, user);
}

/** Completes one measure with one file and, optionally, 建章立制. */
async function complete(page: Page, measure: string, file: string, regulations?: number): Promise<void> {
  await button(page.getByTestId('action-bar'), '完成整改措施').click();
  const d = await openedDialog(page);
  await pickOption(page, d.getByLabel('完成的措施'), measure);
  await d.locator('input[type=file]').setInputFiles(file);
  await d.locator('.ant-upload-list-item-done').waitFor();
  if (regulations !== undefined) await d.getByLabel('建章立制').fill(String(regulations));
  await button(d, '提交完成情况').click();
  await d.waitFor({ state: 'hidden' });
}

test('a problem goes from 待认领 to 已销号 through the pages, with a return on the way', async () => {
  const samples = writeSamples();
  const page = await newPage(desk.baseUrl);
  const errors = pageErrors(page);
  try {
    await lifecycle(page, samples);
  } catch (e) {
    // What the page showed when a step failed: the first thing to look at.
    await screenshot(page, 'lifecycle-failure').catch(() => undefined);
    throw e;
  }
  expect(errors).toEqual([]);
}, 240_000);

/** Chromium's PDF viewer is a frame of its built-in extension; it appears once a PDF is shown. */
async function waitForPdfViewer(page: Page, timeout = 15_000): Promise<void> {
  const viewer = () => page.frames().some((f) => f.url().startsWith('chrome-extension://') && f.url().endsWith('/index.html'));
  for (const start = Date.now(); !viewer(); await page.waitForTimeout(200)) {
    if (Date.now() - start > timeout) throw new Error('PDF 预览未在页面中打开');
  }
}

async function lifecycle(page: Page, samples: { pdf: string; png: string }): Promise<void> {
  // The department claims and plans.
  await page.goto('/login');
  await page.getByLabel('人员编号').waitFor();
  await screenshot(page, '登录');
  await signIn(page, 'fin1');
  await openMenu(page, '台账');
  await page.waitForURL(/\/ledger$/);
  const row = page.getByRole('row').filter({ hasText: '财务报销审核不严' });
  await row.getByText('待认领').waitFor();
  await screenshot(page, '台账');
  await row.getByRole('link', { name: '财务报销审核不严', exact: true }).click();
  await waitStep(page, '待认领');
  await act(page, '认领', '确认认领');
  await waitStep(page, '制定措施');

  await button(page.getByTestId('action-bar'), '制定整改措施').click();
  const d = await openedDialog(page);
  await d.getByTestId('measure-editor-0').getByLabel('措施内容').fill('修订报销管理办法，明确审核责任');
  await button(d, '添加一条措施').click();
  await d.getByTestId('measure-editor-1').getByLabel('措施内容').fill('组织财务人员专题培训');
  await pickOption(page, d.getByTestId('measure-editor-1').getByLabel('责任人'), '孙会计');
  await button(d, '保存措施').click();
  await d.waitFor({ state: 'hidden' });
  await page.getByTestId('measure-M2').getByText('组织财务人员专题培训').waitFor();
  await act(page, '提交整改措施', '确认提交整改措施');
  await waitStep(page, '措施审批');

  // The responsible leader approves the plan.
  await as(page, 'vp1');
  await decide(page, '措施审批', 1, true);

  // The department does the work and asks for closure.
  await as(page, 'fin1');
  await page.goto(problemUrl);
  await waitStep(page, '整改中');
  await complete(page, 'M1', samples.pdf, 1);
  await complete(page, 'M2', samples.png);
  await page.getByTestId('measure-M2').getByRole('img', { name: '培训签到表.png' }).waitFor();
  await screenshot(page, '问题档案');
  await page.setViewportSize(PHONE);
  await screenshot(page, '问题档案-手机');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);
  await act(page, '申请销号', '确认申请销号');
  await waitStep(page, '领导审核');

  await as(page, 'vp1');
  await decide(page, '领导审核', 1, true);

  // The office sees the PDF in the page; a return without a reason is not sent.
  await as(page, 'office1');
  await openQueueItem(page, '办公室核验', 1);
  const frame = page.getByTestId('pdf-frame');
  await frame.waitFor();
  const src = (await frame.getAttribute('src')) ?? '';
  expect(src).toMatch(/\/evidence\/[0-9a-f]{64}\?inline=1$/);
  const pdf = await page.request.get(desk.baseUrl + src);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(/^inline/);
  // The browser's own PDF viewer (an extension frame) draws the file inside the pane.
  await waitForPdfViewer(page);
  await screenshot(page, '待审核');
  const decision = page.getByTestId('decision');
  await button(decision, '退回').click();
  await button(decision, '确认退回').click();
  await decision.getByText('退回时必须填写理由').waitFor();
  await decision.getByRole('textbox').fill(REASON);
  await button(decision, '确认退回').click();
  await page.getByTestId('queue-item-1').waitFor({ state: 'detached' });

  // Back with the department: the reason is shown as text, and runs nothing.
  await as(page, 'fin1');
  await page.goto(problemUrl);
  await waitStep(page, '整改中');
  await page.getByTestId('history-reason').getByText(REASON, { exact: false }).first().waitFor();
  expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
  await act(page, '申请销号', '确认申请销号');

  await as(page, 'vp1');
  await decide(page, '领导审核', 1, true);
  await as(page, 'office1');
  await decide(page, '办公室核验', 1, true);
  await as(page, 'head');
  await decide(page, '组长审批', 1, true);

  await page.goto(problemUrl);
  await waitStep(page, '已销号');
  const steps = page.getByTestId('lifecycle');
  expect(Number(await steps.getAttribute('data-step-index'))).toBe(Number(await steps.getAttribute('data-step-count')) - 1);
  await screenshot(page, '已销号');
  // A closed problem offers its 对账销号单, a Word document.
  const sheet = await page.getByRole('link', { name: /下载对账销号单/ }).getAttribute('href');
  const docx = await page.request.get(desk.baseUrl + sheet);
  expect(docx.status()).toBe(200);
  expect(docx.headers()['content-type']).toMatch(/wordprocessingml/);
}
