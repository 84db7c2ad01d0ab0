import { existsSync, statSync } from 'node:fs';
import { closeBrowser, newPage, PHONE, platformFonts, screenshot } from '../support/browser';

const TEXT = '巡察整改销号';
const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body style="margin:0">
<span id="t" style="font: 20px sans-serif; white-space: nowrap">${TEXT}</span></body></html>`;
const dataUrl = `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;

afterAll(closeBrowser);

describe('Chromium through tests/support/browser.ts', () => {
  test('draws Chinese with a CJK font at full width', async () => {
    const page = await newPage(undefined, { viewport: PHONE });
    await page.goto(dataUrl);

    // A CJK glyph is one em wide: 6 characters at 20 px ≈ 120 px; missing-glyph boxes are narrower.
    const width = await page.locator('#t').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(115);
    expect(width).toBeLessThan(125);

    const fonts = await platformFonts(page, '#t');
    expect(fonts.map((f) => f.familyName).join(',')).toMatch(/CJK/);
    expect(fonts.reduce((n, f) => n + f.glyphCount, 0)).toBe(TEXT.length);

    expect(page.viewportSize()).toEqual(PHONE);
    const file = await screenshot(page, 'browser-launch-cjk');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(1000);
  });

  test('pages are isolated: a cookie set in one page is absent from the next', async () => {
    const first = await newPage('http://127.0.0.1:9');
    await first.context().addCookies([{ name: 'rectify_session', value: 'x', url: 'http://127.0.0.1:9' }]);
    expect(await first.context().cookies()).toHaveLength(1);
    const second = await newPage('http://127.0.0.1:9');
    expect(await second.context().cookies()).toHaveLength(0);
  });
});
