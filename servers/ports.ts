import { createServer } from 'node:net';

/** A port free on 127.0.0.1 right now (the OS picks it); for servers the tests and scripts start. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function answersOrBound(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

/**
 * A free port in [20000, 32767]: Temporal's cluster membership table stores ports as smallint,
 * and the OS hands out ephemeral ports from 32768 up.
 */
export async function freeLowPort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = 20000 + Math.floor(Math.random() * 12768);
    if (!taken.has(p) && !(await answersOrBound(p))) return p;
  }
  throw new Error('找不到 20000–32767 之间的空闲端口 / no free port in 20000-32767');
}
