import { spawnSync } from 'node:child_process';

/** Runs an office tool (LibreOffice, poppler) and returns its stdout; a clear error when it is missing or fails. */
export function runTool(cmd: string, args: string[], timeoutMs = 90_000): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? `${cmd} 未安装：请先运行 servers/ensure-office.sh` : `${cmd} 运行失败：${r.error.message}`);
  }
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 退出码 ${r.status}：${r.stderr}`);
  return r.stdout;
}

/** Text without any whitespace: PDF text extraction breaks lines where the layout does. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');
