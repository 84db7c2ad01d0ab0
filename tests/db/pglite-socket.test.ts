// `npm start` serves its embedded PGlite to the worker, the desk and the CLI over one socket.
// Several connections at once must neither fail nor receive each other's results.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

interface Outcome {
  errorCount: number;
  errors: string[];
  wrong: number;
  committed: number;
}

async function runLoad(mode: 'sequenced' | 'plain'): Promise<Outcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-pglite-socket-'));
  const out = path.join(dir, 'out.json');
  try {
    await promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'pglite-socket-child.ts'), mode, out], {
      timeout: 90_000,
    });
    return JSON.parse(readFileSync(out, 'utf8')) as Outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('six connections with parameterised queries and transactions: no errors, every answer its own', async () => {
  const r = await runLoad('sequenced');
  expect(r.errors).toEqual([]);
  expect(r.errorCount).toBe(0);
  expect(r.wrong).toBe(0);
  expect(r.committed).toBe(6 * 6);
}, 120_000);

test('the socket server as shipped interleaves the same load (why servePglite exists)', async () => {
  const r = await runLoad('plain');
  expect(r.errorCount + r.wrong).toBeGreaterThan(0);
}, 120_000);
