// .env files and ${VAR} interpolation, as `docker compose` reads them.

import { readFileSync } from 'node:fs';
import { isObj } from './common';
export function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Compose interpolation: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+r}. */
export function interpolate(value: unknown, vars: Record<string, string>, errors: string[], where = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name?: string, op?: string, arg?: string, bare?: string) => {
      if (all === '$$') return '$';
      const key = (name ?? bare)!;
      const v = vars[key];
      const unset = v === undefined;
      const empty = unset || v === '';
      switch (op) {
        case ':-': return empty ? (arg ?? '') : v!;
        case '-': return unset ? (arg ?? '') : v!;
        case ':?': if (empty) errors.push(`${where}: required variable ${key} is unset or empty (${arg})`); return v ?? '';
        case '?': if (unset) errors.push(`${where}: required variable ${key} is unset (${arg})`); return v ?? '';
        case ':+': return empty ? '' : (arg ?? '');
        case '+': return unset ? '' : (arg ?? '');
        default: return v ?? '';
      }
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, vars, errors, `${where}[${i}]`));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars, errors, where ? `${where}.${k}` : k)]));
  return value;
}
