import type { Locator, Page } from 'playwright-core';
import { PASSWORD } from '../support/desk';

// Steps people take in the desk's pages, by what they see (labels, button texts), never by CSS
// internals where a name exists.

/** A button by its text; antd puts a space between two Chinese characters and icons add their names. */
export function button(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('button', { name: new RegExp(text.split('').join('\\s*')) });
}

/** The open dialog (an action's form). */
export const dialog = (page: Page) => page.getByRole('dialog').last();

/**
 * The open dialog once its opening animation is over: a click on a dialog still zooming in can
 * miss its button on a busy machine.
 */
export async function openedDialog(page: Page): Promise<Locator> {
  const d = page.getByRole('dialog').last();
  await d.waitFor();
  await page.locator('.ant-zoom-appear, .ant-zoom-enter').first().waitFor({ state: 'detached' });
  return d;
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('人员编号').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await button(page, '登录').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  // The signed-in frame (at phone width the menu hides in a drawer; the header is always there).
  await page.locator('header').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await button(page, '退出').click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
}

/**
 * Picks an option of a (searchable) select by typing it and pressing Enter, as people do with a
 * keyboard. Clicking an option of antd's animated dropdown is lost now and then on a busy machine.
 */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').filter({ hasText: text }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** The side menu's entry. */
export async function openMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: label }).click();
}

/** Waits until the problem page's step bar stands at `title`. */
export async function waitStep(page: Page, title: string): Promise<void> {
  await page.locator(`[data-testid="lifecycle"][data-step="${title}"]`).waitFor();
}

/** Presses an action button of the problem page and confirms its dialog with `ok`. */
export async function act(page: Page, action: string, ok: string): Promise<void> {
  await button(page.getByTestId('action-bar'), action).click();
  const d = await openedDialog(page);
  await button(d, ok).click();
  await d.waitFor({ state: 'hidden' });
}

/** In 待审核: opens the queue's tab and the problem, then decides; a return needs its reason. */
export async function decide(page: Page, queue: string, no: number, approve: boolean, reason?: string): Promise<void> {
  await openQueueItem(page, queue, no);
  const decision = page.getByTestId('decision');
  await button(decision, approve ? '通过' : '退回').click();
  if (reason !== undefined) await decision.getByRole('textbox').fill(reason);
  await button(decision, approve ? '确认通过' : '确认退回').click();
  // Decided: the item leaves the queue.
  await page.getByTestId(`queue-item-${no}`).waitFor({ state: 'detached' });
}

export async function openQueueItem(page: Page, queue: string, no: number): Promise<void> {
  await openMenu(page, '待审核');
  await page.getByRole('tab', { name: new RegExp(queue) }).click();
  await page.getByTestId(`queue-item-${no}`).click();
  await page.getByTestId('review-pane').waitFor();
}
