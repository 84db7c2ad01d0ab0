import type { Page } from 'playwright-core';
import { PASSWORD } from '../support/desk';
import { button } from './desk-pages';

// Reading 总览's charts from the outside: ECharts draws on a canvas, so the test looks at the
// canvas itself (its size, and where a series' colour was painted) rather than at app internals.

/** The bits of a canvas element read here (the test code is type-checked without the DOM library). */
interface Canvas {
  width: number;
  height: number;
  getBoundingClientRect(): { left: number; top: number; width: number };
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number>; width: number; height: number } } | null;
}

interface OverviewBody {
  byStatus: Record<string, number>;
  byDepartment: { closed: number; overdue: number; yellow: number; red: number }[];
}

/** The six headline figures as a reader of the API would add them up. */
export function headlineOf(o: OverviewBody) {
  const sum = (k: 'overdue' | 'yellow' | 'red') => o.byDepartment.reduce((n, d) => n + d[k], 0);
  const total = Object.values(o.byStatus).reduce((n, v) => n + v, 0);
  const closed = o.byStatus.closed ?? 0;
  return { total, closed, open: total - closed, overdue: sum('overdue'), yellow: sum('yellow'), red: sum('red') };
}

/** CSS sizes of the canvases inside a chart (by its data-testid). */
export async function canvasSizes(page: Page, testId: string): Promise<{ width: number; height: number }[]> {
  const chart = page.getByTestId(testId);
  await chart.locator('canvas').first().waitFor();
  return chart.locator('canvas').evaluateAll((cs) => cs.map((c) => ({ width: c.getBoundingClientRect().width, height: c.getBoundingClientRect().height })));
}

/**
 * The page coordinates of the middle of the leftmost bar painted in `rgb`, below the legend (whose
 * swatch has the same colour). Throws while nothing of that colour is drawn (the bars grow in).
 */
export async function barPixel(page: Page, testId: string, rgb: [number, number, number]): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId(testId).locator('canvas').first();
  // Page coordinates are only clickable inside the viewport.
  await canvas.scrollIntoViewIfNeeded();
  const found = await canvas.evaluate((el, [r, g, b]) => {
    const c = el as unknown as Canvas;
    const ctx = c.getContext('2d');
    if (!ctx) return null;
    const scale = c.width / c.getBoundingClientRect().width;
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
    const top = Math.round(48 * scale);
    const hits: [number, number][] = [];
    for (let y = top; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i]! - r) < 6 && Math.abs(data[i + 1]! - g) < 6 && Math.abs(data[i + 2]! - b) < 6) hits.push([x, y]);
      }
    }
    if (hits.length < 20) return null;
    const minX = Math.min(...hits.map(([x]) => x));
    const bar = hits.filter(([x]) => x < minX + 8 * scale);
    const ys = bar.map(([, y]) => y);
    const rect = c.getBoundingClientRect();
    return { x: rect.left + (minX / scale) + 4, y: rect.top + (Math.min(...ys) + Math.max(...ys)) / 2 / scale };
  }, rgb);
  if (!found) throw new Error(`no bar of rgb(${rgb.join(',')}) drawn yet`);
  return { x: found.x, y: found.y };
}

/** Signs in through the login page at any width (the phone layout keeps the menu in a drawer). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('人员编号').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await button(page, '登录').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
