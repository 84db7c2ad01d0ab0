// The Dockerfile: pinned bases, a non-root user, a health check, COPY sources present.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, entryPointProblems, imagePinned } from './common';
export interface DockerfileFacts { healthcheck: boolean; problems: string[] }

export function checkDockerfile(file: string, context: string): DockerfileFacts {
  const problems: string[] = [];
  const rel = path.relative(ROOT, file) || file;
  const lines = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: { name?: string; user?: string; healthcheck: boolean; cmd: boolean; entry?: string }[] = [];
  const ignore = dockerignore(context);
  for (const line of lines) {
    const [instr = '', ...rest] = line.split(/\s+/);
    const body = rest.join(' ');
    const stage = stages[stages.length - 1];
    switch (instr.toUpperCase()) {
      case 'ARG': {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(body);
        if (m && stages.length === 0 && m[2] !== undefined) args[m[1]!] = m[2];
        break;
      }
      case 'FROM': {
        const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(body);
        const image = (m?.[1] ?? '').replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => args[n] ?? '');
        const earlier = stages.some((s) => s.name === image);
        if (!earlier && image !== 'scratch' && !imagePinned(image)) problems.push(`${rel}: FROM ${m?.[1]} is not pinned to a version`);
        stages.push({ name: m?.[2], healthcheck: false, cmd: false });
        break;
      }
      case 'USER': if (stage) stage.user = body; break;
      case 'HEALTHCHECK': if (stage) stage.healthcheck = !/^NONE$/i.test(body); break;
      case 'CMD': if (stage) stage.cmd = true; break;
      case 'COPY':
      case 'ADD': {
        const parts = body.startsWith('[') ? (JSON.parse(body) as string[]) : body.split(/\s+/);
        if (parts.some((p) => p.startsWith('--from='))) break;
        const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
        for (const s of sources) {
          if (/[*?]/.test(s) || s === '.') continue;
          const norm = s.replace(/^\.\//, '').replace(/\/$/, '');
          if (!existsSync(path.join(context, norm))) problems.push(`${rel}: COPY ${s}: not in the build context`);
          else if (ignore(norm)) problems.push(`${rel}: COPY ${s}: excluded by .dockerignore`);
        }
        break;
      }
      default:
    }
  }
  const last = stages[stages.length - 1];
  if (!last) problems.push(`${rel}: no FROM`);
  else {
    if (!last.user || /^(root|0)(:|$)/.test(last.user)) problems.push(`${rel}: the final stage runs as root (no USER, or USER root)`);
    if (!last.cmd) problems.push(`${rel}: the final stage has no CMD`);
    const cmd = lines.filter((l) => /^CMD\s/i.test(l)).pop();
    if (cmd) {
      const argv = cmd.replace(/^CMD\s+/i, '');
      problems.push(...entryPointProblems(argv.startsWith('[') ? (JSON.parse(argv) as string[]) : argv.split(/\s+/), context, `${rel} CMD`));
    }
  }
  return { healthcheck: Boolean(last?.healthcheck), problems };
}

/** A small .dockerignore matcher: enough for plain paths, trailing globs and ! exceptions. */
export function dockerignore(context: string): (p: string) => boolean {
  const file = path.join(context, '.dockerignore');
  if (!existsSync(file)) return () => false;
  const rules = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const negate = l.startsWith('!');
    const pat = l.replace(/^!/, '').replace(/^\//, '').replace(/\/$/, '');
    const re = new RegExp(`^${pat.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/.*)?$`);
    return { negate, re };
  });
  return (p) => rules.reduce((ignored, r) => (r.re.test(p) ? !r.negate : ignored), false);
}
