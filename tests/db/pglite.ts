// PGlite's CommonJS build loads its WebAssembly with dynamic import(), which jest's module sandbox
// refuses unless node runs with --experimental-vm-modules. So the PGlite half of each check runs
// in a plain Node child process (through tsx, as `npm start` runs it) and hands back JSON.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Json } from './checks';

const run = promisify(execFile);

export async function inPglite(mode: 'migrate' | 'parity' | 'reopen' | 'audit-backfill'): Promise<Json> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-pglite-'));
  const out = path.join(dir, 'result.json');
  try {
    await run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'pglite-child.ts'), mode, out, path.join(dir, 'data')], {
      timeout: 90_000,
    }).catch((e: Error & { stderr?: string }) => {
      throw new Error(`PGlite child (${mode}) failed: ${e.message}\n${e.stderr ?? ''}`);
    });
    return JSON.parse(readFileSync(out, 'utf8')) as Json;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
