// Whether dist/ (from `npm run build`) is current. Its build-info.json lists the sources it was built
// from; dist/ is current while none of them, nor any folder among them (a file added, removed or
// renamed), changed after the build began. Some 250 stats, a few ms. Where the sources are absent
// (an image holding only dist/), dist/ is used as it is. Used by bin/rectify.js and the benchmarks.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Whether p, or anything under it, was modified after t (ms). A missing path is not newer. */
function changedSince(p, t) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return false;
  }
  if (st.mtimeMs > t) return true;
  return st.isDirectory() && readdirSync(p).some((name) => changedSince(path.join(p, name), t));
}

/** 'current', 'stale' (built, but a source changed since) or 'none' (never built, or RECTIFY_FROM_SOURCE=1). */
function distState(dist = path.join(root, 'dist')) {
  if (process.env.RECTIFY_FROM_SOURCE === '1') return 'none';
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(dist, 'build-info.json'), 'utf8'));
  } catch {
    return 'none';
  }
  return info.sources.some((s) => changedSince(path.join(root, s), info.sourcesAt)) ? 'stale' : 'current';
}

module.exports = { distState };
