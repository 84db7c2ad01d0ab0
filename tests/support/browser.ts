// Real Chromium for browser tests: Debian's build (servers/ensure-browser.sh), driven by
// playwright-core. Never a browser downloaded by a test tool: the network here is closed.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-artifacts/screenshots');

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

// The background-networking flags matter: without them Chromium keeps calling Google's hosts,
// and on a closed network every one of those calls fails (noise, and slower starts).
const ARGS = [
  '--headless',
  '--no-sandbox', // tests run as root in CI, where the sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with a message that says what to do, in Chinese and English, when Chromium is absent. */
export function assertChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `找不到 Chromium（${CHROMIUM_PATH}）：请运行 bash servers/ensure-browser.sh（npm test 会先自动运行它），或设置 CHROMIUM_PATH。\n` +
      `Chromium not found at ${CHROMIUM_PATH}: run bash servers/ensure-browser.sh (npm test runs it first), or set CHROMIUM_PATH.`,
  );
}

let shared: Promise<Browser> | undefined;

/**
 * One browser per test file (jest runs files in band; each file gets its own module registry).
 * `launch` gives every run a fresh, empty user data dir of its own and deletes it on close;
 * each newPage() is a new incognito-like context, so cookies never leak between tests.
 */
export function browser(): Promise<Browser> {
  assertChromium();
  shared ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 60_000 });
  return shared;
}

/** Call in afterAll: closes the browser and every page opened by newPage(). */
export async function closeBrowser(): Promise<void> {
  const b = shared;
  shared = undefined;
  if (b) await (await b).close();
}

export interface PageOptions {
  viewport?: { width: number; height: number };
}

/**
 * A page in a new context: relative `page.goto('/login')` resolves against baseUrl; Chinese
 * locale and Beijing time, like the people who use the app.
 */
export async function newPage(baseUrl: string | undefined, o: PageOptions = {}): Promise<Page> {
  const context = await (await browser()).newContext({
    baseURL: baseUrl,
    viewport: o.viewport ?? DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

/** Writes test-artifacts/screenshots/<name>.png (the whole page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\p{L}\p{N}_.-]+/gu, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// Chromium logs every 4xx response; the app answers 401/423/… on purpose and shows them itself.
const EXPECTED_4XX = /^Failed to load resource: the server responded with a status of 4\d\d/;

/** Uncaught errors and console errors of a page (not 4xx responses), from now on; assert it stays empty. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED_4XX.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * The fonts Chromium really used to draw the text of the first element matching selector (family
 * names and glyph counts), from DevTools' CSS.getPlatformFontsForNode: proves Chinese is drawn with
 * a CJK font rather than missing-glyph boxes.
 */
export async function platformFonts(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount }));
  } finally {
    await cdp.detach();
  }
}
