import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors';
import type { Evidence } from '../domain/problem-types';

/** Evidence from a file on disk: its name, size and SHA-256. */
export function fileEvidence(file: string): Evidence {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UserError(`佐证材料文件不存在或无法读取: ${file}`);
  }
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  return { kind: 'file', name: path.basename(file), size, sha256 };
}
