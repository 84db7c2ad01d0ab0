import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { env } from './env';

/** Written by `npm start` so the CLI finds the embedded servers without any configuration. */
export const RuntimeSchema = z.object({
  temporalAddress: z.string(),
  databaseUrl: z.string(),
  uiUrl: z.string().optional(),
  deskUrl: z.string().optional(),
});
export type Runtime = z.infer<typeof RuntimeSchema>;

export const runtimeFile = () => path.resolve(env().RECTIFY_DATA_DIR, 'runtime.json');

/** What the running `npm start` wrote; undefined when none is running (or the file is unreadable). */
export function readRuntime(): Runtime | undefined {
  const file = runtimeFile();
  if (!existsSync(file)) return undefined;
  try {
    const r = RuntimeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeRuntime(r: Runtime): void {
  writeFileSync(runtimeFile(), JSON.stringify(r, null, 2));
}

export function removeRuntime(): void {
  rmSync(runtimeFile(), { force: true });
}
