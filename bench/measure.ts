// What every benchmark shares: percentiles, progress lines, the machine's load, and writing one
// section of BENCHMARKS.md without touching the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';

export const say = (s: string): void => void process.stderr.write(`${s}\n`);

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of milliseconds: the value at least p of the samples do not exceed. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), max: s[s.length - 1] ?? Number.NaN };
}

/** Milliseconds as printed everywhere: one decimal. */
export const ms = (v: number): string => v.toFixed(1);

/** "2 cores; load average 3.1 / 2.9 / 2.2": the machine is shared, so every figure carries it. */
export function machine(): string {
  return `${cpus().length} cores; load average (1/5/15 min) ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`;
}

/** Timings sent by callers in turn, keyed by what was timed. */
export class Samples {
  readonly by = new Map<string, number[]>();
  add(key: string, ms: number): void {
    const list = this.by.get(key);
    if (list) list.push(ms);
    else this.by.set(key, [ms]);
  }
  get(key: string): number[] {
    return this.by.get(key) ?? [];
  }
  all(filter: (key: string) => boolean = () => true): number[] {
    return [...this.by].filter(([k]) => filter(k)).flatMap(([, v]) => v);
  }
}

/**
 * Replaces the text between `<!-- bench:KEY:start -->` and `<!-- bench:KEY:end -->` in
 * BENCHMARKS.md (the notes written around it stay); appends the section when it is not there yet.
 */
export function writeSection(key: string, title: string, figures: string): string {
  const file = path.resolve(__dirname, '../BENCHMARKS.md');
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const dated = `${start}\nMeasured by \`npm run bench -- ${key}\` on ${new Date().toISOString().slice(0, 10)}.\n\n${figures}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  const next = i >= 0 && j > i ? doc.slice(0, i) + dated + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n## ${title}\n\n${dated}\n`;
  writeFileSync(file, next);
  return file;
}
