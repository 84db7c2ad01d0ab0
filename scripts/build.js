#!/usr/bin/env node
// npm run build [-- --out-dir DIR]: the production build, into dist/ (or DIR):
//   1. the TypeScript of tsconfig.build.json compiled to CommonJS JavaScript (tsc, strict as ever);
//   2. the files the code reads at run time beside it (db/migrations/*.sql, servers/ensure.sh, demo/);
//   3. the browser bundle (web/dist, built by Vite when stale) copied to DIR/web/dist;
//   4. the workflow bundle, prebuilt to DIR/workflow-bundle.js: the worker loads it instead of
//      bundling the workflows at every start;
//   5. DIR/build-info.json, written last: bin/rectify.js runs DIR/client/cli.js only while no source
//      listed there is newer than the build.
// Then: `node dist/worker/main.js`, `node dist/server/main.js`, `node dist/scripts/start.js`, `npx rectify`.
const { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const say = (s) => process.stdout.write(`[build] ${s}\n`);
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function outDirFromArgs(argv) {
  const i = argv.indexOf('--out-dir');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]);
  if (argv.length) {
    process.stderr.write(`usage: node scripts/build.js [--out-dir DIR]\n`);
    process.exit(2);
  }
  return path.join(root, 'dist');
}

/** The folders and files tsconfig.build.json compiles (read with TypeScript's own parser: the file has comments). */
function compiledSources() {
  const ts = require('typescript');
  const { config, error } = ts.readConfigFile(path.join(root, 'tsconfig.build.json'), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return config.include;
}

/** Every file under `dir` but TypeScript and notes (.md): the SQL, shell scripts and XML read next to the code. */
function assetsUnder(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return assetsUnder(rel);
    return /\.(tsx?|md)$/.test(e.name) ? [] : [rel];
  });
}

async function main() {
  const out = outDirFromArgs(process.argv.slice(2));
  const started = Date.now();
  const include = compiledSources();

  // The folder is emptied first: never the project, a folder holding it, or one of its own folders.
  const inside = path.relative(root, out);
  const holdsRoot = !path.relative(out, root).startsWith('..');
  const own = [...include, 'bin', 'bench', 'scripts', 'tests', 'web', 'node_modules', '.git'].map((s) => s.split('/')[0]);
  if (holdsRoot || (!inside.startsWith('..') && own.includes(inside.split(path.sep)[0]))) {
    process.stderr.write(`[build] 错误 / error: refusing to empty ${out} (the project or one of its folders)\n`);
    process.exit(2);
  }
  // A build that stops half-way leaves no stamp, so nothing runs the half-built code.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  let t0 = Date.now();
  say(`1/5 tsc -p tsconfig.build.json → ${path.relative(root, out) || '.'}/ …`);
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root, stdio: 'inherit' });
  } catch {
    process.stderr.write('[build] 错误 / error: tsc failed (see above)\n');
    process.exit(1);
  }
  say(`    ${seconds(t0)}`);

  t0 = Date.now();
  const assets = [...include.flatMap(assetsUnder), ...assetsUnder('demo')];
  for (const a of assets) cpSync(path.join(root, a), path.join(out, a));
  say(`2/5 run-time files copied: ${assets.length} (${[...new Set(assets.map((a) => path.dirname(a)))].join(', ')})`);

  t0 = Date.now();
  say('3/5 browser bundle (web/dist) …');
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.js')], { cwd: root, stdio: 'inherit' });
  cpSync(path.join(root, 'web/dist'), path.join(out, 'web/dist'), { recursive: true });
  say(`    ${seconds(t0)}`);

  t0 = Date.now();
  say('4/5 workflow bundle …');
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const noop = () => undefined;
  const logger = { trace: noop, debug: noop, info: noop, warn: (m) => process.stderr.write(`[build] ${m}\n`), error: (m) => process.stderr.write(`[build] ${m}\n`), log: noop };
  // From the sources, as the tests and the development worker bundle them: the same code, the same sandbox rules.
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows', 'index.ts'), logger });
  writeFileSync(path.join(out, 'workflow-bundle.js'), code);
  say(`    ${(code.length / 1024 / 1024).toFixed(1)} MB, ${seconds(t0)}`);

  // `sourcesAt` is when this build began reading the sources: one edited during the build is newer.
  const sources = [...include, 'demo', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
  writeFileSync(path.join(out, 'build-info.json'), `${JSON.stringify({ sourcesAt: started, sources }, null, 2)}\n`);
  say(`5/5 done in ${seconds(started)}: ${path.relative(root, out) || '.'}/ (client/cli.js, worker/main.js, server/main.js, scripts/start.js, workflow-bundle.js)`);
}

main().catch((err) => {
  process.stderr.write(`[build] 错误 / error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
