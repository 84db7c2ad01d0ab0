import { readFileSync } from 'fs';
import { join } from 'path';
import { readHeading } from '../../report/markers';
import { parseReport, ParsedReportSchema, type ParsedReport } from '../../report/parse';
import { STYLES, variants, type Seed } from '../report/variants';

// Aspect headings must be recognised whatever their numbering style, also when one report mixes
// styles and numbers skip, repeat or restart. The real seeds (and the hand-written sample in both
// renderings) are re-rendered by tests/report/variants.ts with only their heading markers changed,
// so every variant must still parse to the seed's hand-written expectation.

const FIXTURES = join(__dirname, '..', 'fixtures');

function seed(dir: string, name: string, expectation = name): Seed {
  const expected = ParsedReportSchema.parse(JSON.parse(readFileSync(join(FIXTURES, dir, `${expectation}.expected.json`), 'utf8')));
  return { name, text: readFileSync(join(FIXTURES, dir, `${name}.txt`), 'utf8'), expected };
}

const SEEDS: readonly Seed[] = [
  seed('seeds', 'dezhou-mch-2025'),
  seed('seeds', 'luoyang-mch-2025'),
  seed('seeds', 'qingyuan-peoples-2025'),
  seed('reports', 'sample-paragraphs', 'sample'),
  seed('reports', 'sample-wrapped-pdf', 'sample'),
];
const MIXES = 40;
const ALL = SEEDS.flatMap((s) => variants(s, MIXES).map((v) => ({ ...v, expected: s.expected })));

/** What a reader checks first: the aspects, and under each its problems with their measure counts. */
function shape(report: ParsedReport): unknown {
  return report.aspects.map((a) => ({ title: a.title, problems: a.problems.map((p) => [p.title, p.measures.length]) }));
}

describe('variants generator', () => {
  it('renders every style on every seed, with each problem style that stays distinguishable, plus mixes', () => {
    for (const s of SEEDS) {
      const names = ALL.filter((v) => v.name.startsWith(`${s.name} `)).map((v) => v.name);
      for (const a of STYLES) expect(names).toContain(`${s.name} aspects ${a.name}`);
      expect(names.filter((n) => / problems /.test(n)).length).toBeGreaterThan(STYLES.length * 5);
      expect(names.filter((n) => / mix /.test(n))).toHaveLength(MIXES);
    }
    // 12 aspect styles × (1 + 6…10 problem styles) + 40 mixes per rendering, less the repeats of a
    // rendering's own problem style and Luoyang's ① problems (35 in one aspect, past ⑳).
    expect(ALL).toHaveLength(666);
    expect(new Set(ALL.map((v) => v.name)).size).toBe(ALL.length);
    expect(new Set(ALL.map((v) => v.text)).size).toBe(ALL.length);
  });

  it('a uniform variant really prints every aspect heading in its style', () => {
    for (const s of SEEDS) {
      const titles = s.expected.aspects.map((a) => a.title).filter((t) => !t.startsWith('未整改'));
      for (const style of STYLES.filter((st) => st.shape !== 'none')) {
        const text = ALL.find((v) => v.name === `${s.name} aspects ${style.name}`)?.text ?? '';
        titles.forEach((t, i) => expect(text).toContain(style.marker(i + 1) + t.slice(0, 2)));
      }
    }
  });
});

describe.each(SEEDS.map((s) => s.name))('numbering variants of %s parse like the seed', (name) => {
  it.each(ALL.filter((v) => v.name.startsWith(`${name} `)).map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const parsed = parseReport(v.text);
    expect(shape(parsed)).toEqual(shape(v.expected));
    expect(parsed).toEqual(v.expected);
  });
});

describe('edges of the level rule', () => {
  // Long paragraphs, as in a real report, so that the text does not look hard-wrapped.
  const LONG = '院党委坚持把巡察整改作为重要政治任务，召开专题会议研究部署，逐条制定整改措施，明确责任领导、责任科室和完成时限，做到问题不解决不放过、整改不到位不销号。';
  const report = (progress: readonly string[]): string =>
    ['中共示例县人民医院委员会关于巡察整改进展情况的通报', LONG, '一、整改工作总体情况', LONG, LONG, '二、整改进展情况', ...progress, '三、下一步打算', LONG].join('\n');
  const titles = (text: string): unknown => parseReport(text).aspects.map((a) => [a.title, a.problems.map((p) => [p.title, p.measures])]);

  it('a （1） list closing a measure stays in it, next to an aspect written (2)', () => {
    const text = report(['（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划：', '（1）每月集中学习一次。', '(2)关于作风建设方面', '2.会议过多。', '一是精简会议。']);
    expect(titles(text)).toEqual([
      ['关于理论学习方面', [['学习不深入', ['制定学习计划：（1）每月集中学习一次。']]]],
      ['关于作风建设方面', [['会议过多', ['精简会议。']]]],
    ]);
  });

  it('a problem with a plain-text body is not taken for an aspect numbered like the problems', () => {
    const text = report(['（一）关于理论学习方面', '1.关于学习制度的问题', '已建立学习制度。', '2.学用结合不紧。', '一是建立调研制度。']);
    expect(titles(text)).toEqual([['关于理论学习方面', [['关于学习制度的问题', ['已建立学习制度。']], ['学用结合不紧', ['建立调研制度。']]]]]);
  });

  it('full-width digits are markers; a year may open a title; a decimal opens none', () => {
    expect(readHeading('１２．设备闲置。')).toEqual({ kind: 'arDot', num: 12, rest: '设备闲置。' });
    expect(readHeading('（３）设备闲置。')).toMatchObject({ kind: 'arParen', num: 3 });
    expect(readHeading('9.2021年以来，人工成本增长较快。')).toMatchObject({ kind: 'arDot', num: 9, rest: '2021年以来，人工成本增长较快。' });
    expect(readHeading('3.5%的患者')).toBeNull();
    expect(readHeading('83.52%，高危孕产妇管理率100%')).toBeNull();
  });
});
