import { coalesce } from '../../activities/wake';

// The dispatcher's wake-ups: a burst of notices costs two signals, and the last notice of a burst
// is never left without one.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst of 1,000 calls within the window fires twice: at once, and once at the window’s end', async () => {
  const fired: number[] = [];
  const t0 = Date.now();
  const wake = coalesce(() => fired.push(Date.now() - t0), 100);
  for (let i = 0; i < 1000; i++) wake();
  expect(fired).toHaveLength(1);
  await sleep(150);
  expect(fired).toHaveLength(2);
  expect(fired[1]!).toBeGreaterThanOrEqual(99);
});

test('calls spaced wider than the window each fire at once', async () => {
  let n = 0;
  const wake = coalesce(() => void n++, 20);
  for (let i = 0; i < 3; i++) {
    wake();
    expect(n).toBe(i + 1);
    await sleep(30);
  }
});
