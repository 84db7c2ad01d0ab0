#!/usr/bin/env node
// npm start / npm test: build the browser bundle (web/dist) when it is missing or older than any of
// its sources. Only stats files when up to date (a few ms), so it can run before every start.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'web', 'dist', 'index.html');
// What the bundle is made of: the app, the shared pure code it imports, and the locked packages.
const sources = ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/package.json', 'web/src', 'domain', 'api', 'package-lock.json'];

/** Newest mtime under p; directories count too, so a deleted or renamed file also triggers a build. */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const stale = sources.map((s) => path.join(root, s)).find((s) => newest(s) > builtAt);
if (stale !== undefined) {
  process.stderr.write(`[rectify] 构建前端 vite build（${builtAt ? `${path.relative(root, stale)} 有更新` : '首次'}）…\n`);
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // The build's own output goes to stderr: stdout stays clean for whoever reads ours.
  try {
    execFileSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
      // Run from inside jest (NODE_ENV=test) Vite would keep React's and antd's development
      // warnings in the bundle, and the page tests, which fail on console warnings, would differ
      // from what users get.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch {
    process.stderr.write('[rectify] 错误 / error: 前端构建失败 / web build failed (npm run build:web)\n');
    process.exit(1);
  }
}
