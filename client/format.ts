// Terminal tables where a CJK character takes two columns, so Chinese ledgers line up.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Progress on stderr for long work: a rewritten line on a terminal, a line per tenth otherwise. */
export function progress(label: string, total: number): (done: number) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (done: number) => {
    const tenth = Math.floor((done / Math.max(total, 1)) * 10);
    if (tty) process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`);
    else if (tenth !== lastTenth || done === total) {
      lastTenth = tenth;
      process.stderr.write(`${label} ${done}/${total}\n`);
    }
  };
}
