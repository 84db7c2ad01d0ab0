// How a fault script ends: a result line on stdout, its own section of RELIABILITY.md (only the
// text between its markers is replaced) and an exit code that is non-zero unless nothing was lost,
// duplicated, stuck or mismatched.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { env } from '../services/env';
import type { VerifyResult } from './check';
import { saveHistories } from './inspect';
import { say } from './world';

export const RELIABILITY_FILE = path.resolve(__dirname, '../RELIABILITY.md');
/** Where a run keeps the histories of the workflows it found at fault. */
export const artifactsDir = (name: string) => path.resolve(__dirname, '../test-artifacts/faults', name);

export { seededRandom } from '../domain/seeded-random';

/** FAULT_SEED when given (to repeat a run's random moments), otherwise a fresh seed, printed by the run. */
export function seedFromEnv(): number {
  const given = process.env.FAULT_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`FAULT_SEED 应为 0 到 4294967295 之间的整数：${given}`);
    return n;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** Replaces the text between this fault's markers, or appends a section with them. */
export function withFaultSection(doc: string, name: string, body: string): string {
  const start = `<!-- fault:${name}:start -->`;
  const end = `<!-- fault:${name}:end -->`;
  const block = `${start}\n${body}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n## ${name}\n\n${block}\n`;
}

/** The closing table: each fault's outcome, read back from the sections (so it never disagrees with them). */
export function summaryTable(doc: string): string {
  const rows: string[] = [];
  const section = /<!-- fault:([\w@-]+):start -->([\s\S]*?)<!-- fault:\1:end -->/g;
  for (const [, name, text] of doc.matchAll(section)) {
    const m = /on (\d{4}-\d{2}-\d{2})[\s\S]*\*\*outcome: lost (\d+), duplicated (\d+), stuck (\d+), mismatched (\d+) \(([^)]*)\)\*\* — (\w+)/.exec(text!);
    if (m) rows.push(`| ${name} | ${m[1]} | ${m[2]} | ${m[3]} | ${m[4]} | ${m[5]} | ${m[7]} (${m[6]}) |`);
  }
  return ['| fault | measured | lost | duplicated | stuck | mismatched | result |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

export const countsLine = (v: VerifyResult) =>
  `lost ${v.lost}, duplicated ${v.duplicated}, stuck ${v.stuck}, mismatched ${v.mismatched} ` +
  `(${v.problems} problems, ${v.acksChecked} acknowledged actions, ${v.notificationsChecked} notifications checked)`;

/**
 * Prints the result, writes the section, and sets the exit code: non-zero for anything lost,
 * duplicated, stuck or mismatched, or when the script's own checks (`failures`) did not hold.
 */
export function finish(name: string, v: VerifyResult, lines: string[], failures: string[] = []): void {
  const ok = v.lost === 0 && v.stuck === 0 && v.mismatched === 0 && v.duplicated === 0 && failures.length === 0;
  for (const d of v.details.slice(0, 20)) say(`[${name}] ${d.kind} ${d.workflowId}: ${d.detail}`);
  const today = new Date().toISOString().slice(0, 10);
  const profile = env().RECTIFY_TEMPORAL_PROFILE;
  const body = [
    `Measured by \`npm run faults -- ${name}\` on ${today} (Temporal profile \`${profile}\`, 2-core machine shared with other work).`,
    '',
    ...lines,
    ...failures.map((f) => `- check failed: ${f}`),
    `- **outcome: ${countsLine(v)}** — ${ok ? 'passed' : 'FAILED'}`,
  ].join('\n');
  const doc = existsSync(RELIABILITY_FILE) ? readFileSync(RELIABILITY_FILE, 'utf8') : '# Reliability\n';
  // A run on another profile gets a section of its own and leaves the dev profile's figures alone.
  const updated = withFaultSection(doc, profile === 'dev' ? name : `${name}@${profile}`, body);
  writeFileSync(RELIABILITY_FILE, withFaultSection(updated, 'summary', summaryTable(updated)));
  process.stdout.write(`${name}: ${ok ? 'PASS' : 'FAIL'} ${countsLine(v)}\n`);
  process.exitCode = ok ? 0 : 1;
}

/** Saves the histories of the workflows found at fault; returns a line for the section, or none. */
export async function keepEvidence(client: Client, name: string, v: VerifyResult): Promise<string[]> {
  const ids = [...new Set(v.details.filter((d) => d.kind !== 'duplicated').map((d) => d.workflowId))];
  if (!ids.length) return [];
  const dir = artifactsDir(name);
  await saveHistories(client, ids, dir).catch((e: unknown) => say(`[${name}] 保存历史失败：${String(e)}`));
  say(`[${name}] ${ids.length} 个有问题的工作流的历史已保存到 ${dir}`);
  return [`- histories of the ${ids.length} workflow(s) at fault kept in \`test-artifacts/faults/${name}/\` (\`npx tsx reliability/replay.ts FILE.json\` replays one on the current code)`];
}

export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
