import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../servers/ports';

// `npm start` as a user runs it (minus the install step, which pretest has done): the whole system
// on embedded defaults, the desk served and its address printed, the demo loaded on a first start.

const ROOT = path.resolve(__dirname, '../..');


interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

async function start(dataDir: string, env: Record<string, string>): Promise<Started> {
  const ports = { PORT: await freePort(), RECTIFY_TEMPORAL_PORT: await freePort(), RECTIFY_UI_PORT: await freePort(), RECTIFY_PG_PORT: await freePort() };
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, RECTIFY_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const m = /整改工作台:\s+(http:\/\/\S+)/.exec(out);
    if (m && out.includes('按 Ctrl+C 停止')) return { child, output: () => out, url: m[1]!.replace('localhost', '127.0.0.1') };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGINT');
  await exited;
}

async function login(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return res.status;
}

test('first start loads the demo with a generated password it prints; a restart keeps the data and loads nothing twice', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-start-'));
  const first = await start(dataDir, { RECTIFY_DEMO_PASSWORD: '' });
  try {
    const password = /演示密码:\s+(\S+?)（/.exec(first.output())?.[1];
    expect(password).toMatch(/^\S{12}$/);
    expect((await (await fetch(`${first.url}/healthz`)).json())).toMatchObject({ status: 'ok', temporal: { ok: true }, database: { ok: true } });
    expect(await login(first.url, 'dept-medical', password!)).toBe(200);
    expect(await login(first.url, 'secretary', password!)).toBe(200);
    expect(await login(first.url, 'dept-medical', 'wrong-password1')).toBe(401);
    const page = await fetch(`${first.url}/c/qingyuan-2024/ledger`);
    expect(await page.text()).toContain('<div id="root">');
    expect(first.output()).toContain('首次启动：载入演示巡察整改');
  } finally {
    await stop(first);
  }
  const second = await start(dataDir, { RECTIFY_DEMO_PASSWORD: '' });
  try {
    expect(second.output()).toContain('数据目录已有数据，不再载入演示数据');
    const password = /演示密码:\s+(\S+?)（/.exec(second.output())?.[1];
    expect(await login(second.url, 'office-director', password!)).toBe(200);
  } finally {
    await stop(second);
  }
}, 240_000);

test('RECTIFY_DEMO=0 starts empty; RECTIFY_DEMO_PASSWORD is the demo password when given', async () => {
  const empty = await start(mkdtempSync(path.join(tmpdir(), 'rectify-start-')), { RECTIFY_DEMO: '0' });
  try {
    expect(empty.output()).toContain('跳过演示数据');
    expect(await login(empty.url, 'secretary', 'Demo2026pass')).toBe(401);
  } finally {
    await stop(empty);
  }
  const given = await start(mkdtempSync(path.join(tmpdir(), 'rectify-start-')), { RECTIFY_DEMO_PASSWORD: 'Demo2026pass' });
  try {
    expect(given.output()).toMatch(/演示密码:\s+Demo2026pass\n/);
    expect(await login(given.url, 'admin', 'Demo2026pass')).toBe(200);
  } finally {
    await stop(given);
  }
}, 240_000);
