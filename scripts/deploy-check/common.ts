// Helpers every deployment check shares: paths, the JSON-schema validator, pinned images, entry points.
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const ROOT = path.resolve(__dirname, '../..');
export const SCHEMAS = path.join(ROOT, 'deploy', 'schemas');

export function ajv(): Ajv {
  // strict off: both schemas use keywords Ajv does not know (deprecated, x-…); formats are not checked.
  return new Ajv({ strict: false, allErrors: true, validateFormats: false });
}

export function ajvErrors(where: string, errors: Ajv['errors']): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** An image reference is pinned when it names a tag other than latest, or a digest. */
export function imagePinned(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return tag !== '' && tag !== 'latest';
}

/** `node dist/x/y.js …`: the build (tsconfig.build.json → dist/) must produce it, or the file ships as is. */
export function entryPointProblems(argv: string[], root: string, where: string): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (argv[i - 1] !== 'node' || !arg.endsWith('.js')) return;
    if (arg.startsWith('dist/')) {
      const ts = path.join(root, arg.slice('dist/'.length).replace(/\.js$/, '.ts'));
      const include = buildIncludes(root);
      const top = arg.slice('dist/'.length).split('/')[0]!;
      if (!existsSync(ts)) out.push(`${where}: ${arg} has no source ${path.relative(root, ts)}`);
      else if (!include) out.push(`${where}: ${arg}: no tsconfig.build.json in ${root} to build it`);
      else if (!include.some((inc) => inc === top || inc === arg.slice('dist/'.length).replace(/\.js$/, '.ts'))) out.push(`${where}: ${arg}: ${top}/ is not compiled by tsconfig.build.json`);
    } else if (!existsSync(path.join(root, arg))) out.push(`${where}: ${arg} does not exist`);
  });
  return out;
}

export function buildIncludes(root: string): string[] | undefined {
  const file = path.join(root, 'tsconfig.build.json');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return (JSON.parse(text) as { include: string[] }).include;
}

