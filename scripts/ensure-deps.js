#!/usr/bin/env node
// npm start / npm test on a fresh clone: install node_modules first if they are missing or stale.
const { existsSync, statSync } = require('node:fs');
const { execSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  // `npm install` keeps the locked versions; npm 11's `npm ci` rejects its own lock files when
  // optional platform binaries (swc, unrs) are left out of them.
  process.stderr.write('[rectify] 安装依赖 npm install …\n');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: ['ignore', 2, 2] });
}
