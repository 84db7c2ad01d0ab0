// Where the server binaries are. servers/ensure.sh provisions them and writes servers.json;
// we only run it when something is missing, so the common path is one small file read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface ServerPaths {
  temporalCli: string;
  testServer: string;
  pgBin: string;
}

const KEYS = ['temporalCli', 'testServer', 'pgBin'] as const;
// Env vars win over servers.json (CI or a developer pointing at their own binaries).
const ENV: Record<keyof ServerPaths, string> = {
  temporalCli: 'TEMPORAL_CLI',
  testServer: 'TEMPORAL_TEST_SERVER',
  pgBin: 'PG_BIN',
};

let cached: ServerPaths | undefined;

export function cacheDir(): string {
  return process.env.RECTIFY_CACHE || path.join(homedir(), '.cache', 'rectify');
}

function readPaths(): Partial<ServerPaths> {
  const out: Partial<ServerPaths> = {};
  let file: Record<string, unknown> = {};
  try {
    file = JSON.parse(readFileSync(path.join(cacheDir(), 'servers.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // missing or unreadable: ensure.sh will (re)write it
  }
  for (const k of KEYS) {
    const v = process.env[ENV[k]] || file[k];
    if (typeof v === 'string' && existsSync(v)) out[k] = v;
  }
  return out;
}

function complete(p: Partial<ServerPaths>): p is ServerPaths {
  return KEYS.every((k) => p[k] !== undefined);
}

export function serverPaths(): ServerPaths {
  if (cached) return cached;
  let p = readPaths();
  if (!complete(p)) {
    const script = path.join(__dirname, 'ensure.sh');
    // stdout also goes to our stderr: progress must not pollute a script's stdout.
    const r = spawnSync('bash', [script], { stdio: ['ignore', 2, 2] });
    p = readPaths();
    if (r.status !== 0 || !complete(p)) {
      const missing = KEYS.filter((k) => p[k] === undefined).map((k) => `${k} (${ENV[k]})`);
      throw new Error(
        `服务器准备失败：${script} 退出码 ${r.status ?? r.signal}，缺少 ${missing.join(', ')}。见上方输出。\n` +
          `Provisioning servers failed: ${script} exited ${r.status ?? r.signal}; missing ${missing.join(', ')}. ` +
          `See its output above, or set the env vars to existing paths.`,
      );
    }
  }
  cached = p;
  return p;
}
