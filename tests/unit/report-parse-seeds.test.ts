import { readFileSync } from 'fs';
import { join } from 'path';
import { parseReport, ParsedReportSchema, type ParsedReport } from '../../report/parse';

// The three real reports against expectations written by hand from the seed texts (never
// produced by running the parser): every aspect, problem and measure must match exactly.

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');
const REPORTS = join(__dirname, '..', 'fixtures', 'reports');

function expectation(dir: string, name: string): ParsedReport {
  return ParsedReportSchema.parse(JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')));
}

function load(dir: string, name: string): { text: string; expected: ParsedReport } {
  return { text: readFileSync(join(dir, `${name}.txt`), 'utf8'), expected: expectation(dir, name) };
}

function counts(report: ParsedReport): [number, number, number] {
  const problems = report.aspects.flatMap((a) => a.problems);
  return [report.aspects.length, problems.length, problems.reduce((n, p) => n + p.measures.length, 0)];
}

describe('parseReport on the real seed reports', () => {
  it.each([
    ['dezhou-mch-2025', [11, 33, 106]],
    ['luoyang-mch-2025', [6, 71, 219]],
    ['qingyuan-peoples-2025', [4, 14, 36]],
  ] as const)('%s matches its hand-written fixture exactly', (name, expectedCounts) => {
    const { text, expected } = load(SEEDS, name);
    const parsed = parseReport(text);
    expect(parsed).toEqual(expected);
    expect(counts(parsed)).toEqual(expectedCounts);
  });

  it('luoyang: completed part and unfinished part carry status and committed deadline', () => {
    const parsed = parseReport(load(SEEDS, 'luoyang-mch-2025').text);
    const problems = parsed.aspects.flatMap((a) => a.problems);
    expect(problems.filter((p) => p.status === 'completed')).toHaveLength(68);
    const unfinished = problems.filter((p) => p.status === 'unfinished');
    expect(unfinished.map((p) => p.committedDeadline)).toEqual(['2025-12-31', '2025-12-31', '2025-12-31']);
    expect(parsed.aspects.at(-1)?.title).toBe('未整改到位事项进展及承诺整改时限');
    // The closing invitation after the last problem must not leak into its measures.
    expect(JSON.stringify(parsed)).not.toContain('欢迎广大干部群众');
    expect(JSON.stringify(parsed)).not.toContain('bookmark');
  });

  it('dezhou: page markers, PDF spaces and hard line breaks leave no trace', () => {
    const json = JSON.stringify(parseReport(load(SEEDS, 'dezhou-mch-2025').text));
    expect(json).not.toMatch(/— 13 —|\s|\\n/);
    expect(json).toContain('均达100%完好。');
  });

  it('reports without a problem/status split have null status everywhere', () => {
    for (const name of ['dezhou-mch-2025', 'qingyuan-peoples-2025']) {
      const problems = parseReport(load(SEEDS, name).text).aspects.flatMap((a) => a.problems);
      expect(problems.every((p) => p.status === null && p.committedDeadline === null)).toBe(true);
    }
  });

  it('is pure: same input, same output, input untouched', () => {
    const { text } = load(SEEDS, 'qingyuan-peoples-2025');
    const copy = `${text}`;
    expect(parseReport(text)).toEqual(parseReport(text));
    expect(text).toBe(copy);
  });
});

describe('parseReport on a hand-written sample in two renderings', () => {
  const expected = expectation(REPORTS, 'sample');

  it('paragraph-per-line rendering', () => {
    expect(parseReport(readFileSync(join(REPORTS, 'sample-paragraphs.txt'), 'utf8'))).toEqual(expected);
  });

  it('PDF rendering: hard-wrapped lines, blank lines, page markers, PDF spaces, bookmark residue', () => {
    expect(parseReport(readFileSync(join(REPORTS, 'sample-wrapped-pdf.txt'), 'utf8'))).toEqual(expected);
  });

  it('CRLF line endings and ideographic spaces do not matter', () => {
    const text = readFileSync(join(REPORTS, 'sample-paragraphs.txt'), 'utf8').replace(/\n/g, '\r\n').replace(/。/g, '。\u3000');
    expect(parseReport(text)).toEqual(expected);
  });
});
