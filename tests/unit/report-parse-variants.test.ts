import { parseReport, ReportParseError, type ParsedReport } from '../../report/parse';

// Hand-written variations of the report layout that the three seeds do not cover on their own.

const TITLE = '中共示例县人民医院委员会关于县委巡察整改进展情况的通报';
const PREAMBLE =
  '根据县委统一部署，2024年4月8日至5月31日，县委第一巡察组对示例县人民医院党委开展了巡察。2024年7月2日，县委第一巡察组向示例县人民医院党委反馈了巡察意见。';
const CLOSING = ['欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0000-7654321。', '中共示例县人民医院委员会', '2025年1月20日'];

/** A complete report around the given progress-part lines. */
function report(progress: readonly string[], tail: readonly string[] = ['三、下一步打算', '持续巩固整改成果。']): string {
  return [TITLE, PREAMBLE, '一、整改工作总体情况', '院党委成立巡察整改工作领导小组。', '二、整改进展情况', ...progress, ...tail, ...CLOSING].join('\n');
}

type Problem = ParsedReport['aspects'][number]['problems'][number];
function problem(title: string, measures: string[], status: Problem['status'] = null, committedDeadline: string | null = null): Problem {
  return { title, status, committedDeadline, measures };
}

const STANDARD = [
  { title: '关于理论学习方面', problems: [problem('学习不深入', ['制定学习计划。', '开展专题研讨。']), problem('学用结合不紧', ['建立调研制度。'])] },
  { title: '关于财务管理方面', problems: [problem('预算执行不严', ['修订预算管理办法。', '开展预算执行分析。'])] },
];

describe('problem numbering', () => {
  const aspects = (third: string): string[] => [
    '（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。', '二是开展专题研讨。', '2.学用结合不紧。', '一是建立调研制度。',
    '（二）关于财务管理方面', `${third}预算执行不严。`, '一是修订预算管理办法。', '二是开展预算执行分析。',
  ];

  it('restarting per aspect and running on give the same structure', () => {
    expect(parseReport(report(aspects('1.'))).aspects).toEqual(STANDARD);
    expect(parseReport(report(aspects('3.'))).aspects).toEqual(STANDARD);
  });

  it('accepts 1、 and full-width 1． as problem markers and (1) / （1） for the other layout', () => {
    expect(parseReport(report(aspects('1、'))).aspects).toEqual(STANDARD);
    const luoyangStyle = [
      '1.在“理论学习”方面', '(1)学习不深入。', '整改情况：一是制定学习计划。二是开展专题研讨。',
      '（2）学用结合不紧。', '整改情况：一是建立调研制度。',
      '2．在“财务管理”方面', '（3）预算执行不严。', '整改情况：一是修订预算管理办法。二是开展预算执行分析。',
    ];
    const parsed = parseReport(report(luoyangStyle));
    expect(parsed.aspects.map((a) => a.title)).toEqual(['在“理论学习”方面', '在“财务管理”方面']);
    expect(parsed.aspects.map((a) => a.problems)).toEqual(STANDARD.map((a) => a.problems));
  });
});

describe('inconsistent aspect numbering', () => {
  it('skipped, repeated and half-width aspect numbers, a stray "三、" and an unnumbered aspect line', () => {
    const parsed = parseReport(
      report([
        '（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。',
        '（一）关于财务管理方面', '2.预算执行不严。', '一是修订预算管理办法。',
        '(四)关于选人用人方面', '3.招聘程序不规范。', '一是修订招聘制度。',
        '关于作风建设方面', '4.会议过多。', '一是精简会议。',
        '三、关于整改责任落实方面', '5.整改不到位。', '一是建立整改台账。',
      ], ['四、下一步打算', '持续巩固整改成果。']),
    );
    expect(parsed.aspects.map((a) => [a.title, a.problems.map((p) => p.title)])).toEqual([
      ['关于理论学习方面', ['学习不深入']],
      ['关于财务管理方面', ['预算执行不严']],
      ['关于选人用人方面', ['招聘程序不规范']],
      ['关于作风建设方面', ['会议过多']],
      ['关于整改责任落实方面', ['整改不到位']],
    ]);
    expect(parsed.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures))).not.toContain('持续巩固整改成果。');
  });

  it('an intro sentence under each aspect heading is neither a problem nor a measure', () => {
    const parsed = parseReport(
      report([
        '（一）关于理论学习方面', '院党委针对本方面2个问题逐项制定了措施。', '1.学习不深入。', '一是制定学习计划。二是开展专题研讨。', '2.学用结合不紧。', '一是建立调研制度。',
        '（二）关于财务管理方面', '本方面问题已全部完成整改。', '1.预算执行不严。', '整改情况：一是修订预算管理办法。二是开展预算执行分析。',
      ]),
    );
    expect(parsed.aspects).toEqual(STANDARD);
    // "本方面2个问题" is a local sub-count, not the report's headline figure.
    expect(parsed.figures.problems).toBeNull();
  });

  it('problems without any aspect heading form one aspect named after the progress section', () => {
    const parsed = parseReport(report(['1.学习不深入。', '一是制定学习计划。', '2.预算执行不严。', '一是修订预算管理办法。']));
    expect(parsed.aspects).toEqual([
      { title: '整改进展情况', problems: [problem('学习不深入', ['制定学习计划。']), problem('预算执行不严', ['修订预算管理办法。'])] },
    ]);
  });
});

describe('measures', () => {
  const ownLines = ['（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。', '二是开展专题研讨。'];

  it('inline after "整改情况：", on their own lines, or inline in the heading: same measures', () => {
    const expected = [{ title: '关于理论学习方面', problems: [problem('学习不深入', ['制定学习计划。', '开展专题研讨。'])] }];
    expect(parseReport(report(ownLines)).aspects).toEqual(expected);
    expect(parseReport(report(['（一）关于理论学习方面', '1.学习不深入。', '整改情况：一是制定学习计划。二是开展专题研讨。'])).aspects).toEqual(expected);
    expect(parseReport(report(['（一）关于理论学习方面', '1.学习不深入。整改情况：一是制定学习计划。二是开展专题研讨。'])).aspects).toEqual(expected);
    expect(parseReport(report(['（一）关于理论学习方面', '1.学习不深入。一是制定学习计划。二是开展专题研讨。'])).aspects).toEqual(expected);
  });

  it('continuation paragraphs and sub-enumerations stay in their measure', () => {
    const parsed = parseReport(
      report(['（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。', '（1）每月集中学习一次。', '（2）每季度研讨一次。', '此外，建立学习台账。', '二是开展专题研讨。']),
    );
    expect(parsed.aspects[0]?.problems[0]?.measures).toEqual(['制定学习计划。（1）每月集中学习一次。（2）每季度研讨一次。此外，建立学习台账。', '开展专题研讨。']);
  });

  it('splits inline only at the next ordinal after a sentence break; paragraph starts may skip numbers', () => {
    const parsed = parseReport(
      report(['（一）关于理论学习方面', '1.学习不深入。', '一是统一思想，做到标准统一是前提，三是非常重要的。二是开展研讨。', '四是建立台账。']),
    );
    expect(parsed.aspects[0]?.problems[0]?.measures).toEqual(['统一思想，做到标准统一是前提，三是非常重要的。', '开展研讨。', '建立台账。']);
  });

  it('drops a lead-in that only announces the list, keeps other text before 一是 as a measure', () => {
    const announced = parseReport(report(['（一）关于理论学习方面', '1.学习不深入。', '整改情况：针对该问题，采取了以下措施：一是制定学习计划。']));
    expect(announced.aspects[0]?.problems[0]?.measures).toEqual(['制定学习计划。']);
    const substantive = parseReport(report(['（一）关于理论学习方面', '1.学习不深入。', '院党委高度重视。一是制定学习计划。']));
    expect(substantive.aspects[0]?.problems[0]?.measures).toEqual(['院党委高度重视。', '制定学习计划。']);
  });

  it('a deadline label inside a sentence stays in the measure', () => {
    const parsed = parseReport(report(['（一）关于理论学习方面', '1.学习不深入。', '一是制定整改方案，明确整改时限：6月底前完成。']));
    expect(parsed.aspects[0]?.problems[0]).toEqual(problem('学习不深入', ['制定整改方案，明确整改时限：6月底前完成。']));
  });

  it('a problem whose progress is plain paragraphs has them as one measure', () => {
    const parsed = parseReport(report(['（一）关于理论学习方面', '1.学习不深入。', '已制定学习计划。', '已开展专题研讨。']));
    expect(parsed.aspects[0]?.problems[0]?.measures).toEqual(['已制定学习计划。已开展专题研讨。']);
  });
});

describe('completed / unfinished parts', () => {
  it('parts as sub-headings: status, committed deadline in several spellings, implicit aspect', () => {
    const parsed = parseReport(
      report([
        '（一）已完成整改事项', '1.在“理论学习”方面', '（1）学习不深入。', '整改情况：一是制定学习计划。',
        '（二）未整改到位事项进展及承诺整改时限',
        '（1）家属院物业代管。', '目前进展：一是已完成用水改造。二是推进用电改造。', '承诺整改时限：2025年12月底',
        '（2）工程款挂账。（承诺整改时限：2026年6月30日）', '目前进展：一是与施工方协商。',
        '（3）人才结构不合理。', '目前进展：一是引进人才。', '整改时限：长期坚持',
        '（4）设备闲置。', '目前进展：一是院内调配。承诺完成时限：2025年底。',
      ], []),
    );
    expect(parsed.aspects).toEqual([
      { title: '在“理论学习”方面', problems: [problem('学习不深入', ['制定学习计划。'], 'completed')] },
      {
        title: '未整改到位事项进展及承诺整改时限',
        problems: [
          problem('家属院物业代管', ['已完成用水改造。', '推进用电改造。'], 'unfinished', '2025-12-31'),
          problem('工程款挂账', ['与施工方协商。'], 'unfinished', '2026-06-30'),
          problem('人才结构不合理', ['引进人才。'], 'unfinished', null),
          problem('设备闲置', ['院内调配。'], 'unfinished', '2025-12-31'),
        ],
      },
    ]);
  });

  it('parts as top-level sections', () => {
    const text = [
      TITLE, PREAMBLE, '一、整改工作总体情况', '院党委成立巡察整改工作领导小组。',
      '二、已完成整改的问题', '（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。',
      '三、尚未完成整改的问题', '1.工程款挂账。', '目前进展：一是与施工方协商。', '承诺整改时限：2025年9月30日',
      '四、下一步打算', '持续巩固整改成果。', ...CLOSING,
    ].join('\n');
    expect(parseReport(text).aspects).toEqual([
      { title: '关于理论学习方面', problems: [problem('学习不深入', ['制定学习计划。'], 'completed')] },
      { title: '尚未完成整改的问题', problems: [problem('工程款挂账', ['与施工方协商。'], 'unfinished', '2025-09-30')] },
    ]);
  });
});

describe('normalisation', () => {
  it('strips bookmark residue in headings and measures', () => {
    const parsed = parseReport(
      report(['[bookmark: _Toc170]（一）关于理论学习方面', '[bookmark: _Toc171]1.学习不深入。', '一是制定[bookmark: _GoBack]学习计划。']),
    );
    expect(parsed.aspects).toEqual([{ title: '关于理论学习方面', problems: [problem('学习不深入', ['制定学习计划。'])] }]);
  });

  it('removes spaces next to Chinese text but keeps them between Latin words', () => {
    const parsed = parseReport(report(['（一）关于 理论学习 方面', '1. 学习 不深入 。', '一是 2024 年 3 月上线 Smart Campus 平台 。']));
    expect(parsed.aspects).toEqual([{ title: '关于理论学习方面', problems: [problem('学习不深入', ['2024年3月上线Smart Campus平台。'])] }]);
  });
});

describe('header and footer', () => {
  it('feedback date without a year rolls over into the next year; closing without a date', () => {
    const text = [
      '示例县人民医院党委关于巡察整改情况的通报',
      '根据县委统一部署，2023年11月6日至12月20日，县委巡察组对示例县人民医院党委进行了巡察。1月15日，县委巡察组反馈了巡察意见。',
      '二、整改进展情况', '（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。',
      '欢迎广大干部群众对巡察整改落实情况进行监督。',
    ].join('\n');
    const parsed = parseReport(text);
    expect([parsed.org, parsed.feedbackDate, parsed.issuedDate]).toEqual(['示例县人民医院', '2024-01-15', null]);
    expect(parsed.aspects[0]?.problems[0]?.measures).toEqual(['制定学习计划。']);
  });

  it('takes the organisation from the preamble when the title does not name it', () => {
    const text = report(['（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。']).replace(TITLE, '关于巡察整改进展情况的通报');
    expect(parseReport(text).org).toBe('示例县人民医院');
  });

  it('a report without a 一、二、 skeleton still yields its aspects and problems', () => {
    const text = [TITLE, PREAMBLE, '（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划。', ...CLOSING].join('\n');
    const parsed = parseReport(text);
    expect(parsed.aspects).toEqual([{ title: '关于理论学习方面', problems: [problem('学习不深入', ['制定学习计划。'])] }]);
    expect([parsed.org, parsed.feedbackDate, parsed.issuedDate]).toEqual(['示例县人民医院', '2024-07-02', '2025-01-20']);
  });
});

describe('invalid input', () => {
  const failure = (text: unknown): ReportParseError => {
    try {
      parseReport(text as string);
    } catch (error) {
      if (error instanceof ReportParseError) return error;
      throw error;
    }
    throw new Error('expected a ReportParseError');
  };

  it('empty or blank text', () => {
    for (const text of ['', '   \n\t\n', '\u3000\r\n']) {
      const error = failure(text);
      expect(error.code).toBe('empty');
      expect(error.name).toBe('ReportParseError');
      expect(error.message).toMatch(/报告内容为空/);
    }
  });

  it('text that is only page markers or bookmark residue', () => {
    expect(failure('— 1 —\n\n[bookmark: _GoBack]\n- 2 -').code).toBe('empty');
  });

  it('not a string', () => {
    expect(failure(undefined).code).toBe('empty');
    expect(failure(42).code).toBe('empty');
  });

  it('prose without numbered problems', () => {
    const error = failure('今天天气很好。\n我们去公园散步。');
    expect(error.code).toBe('no-problems');
    expect(error.message).toMatch(/未识别到任何编号的整改问题/);
  });

  it('a skeleton without any progress section', () => {
    const error = failure([TITLE, PREAMBLE, '一、整改工作总体情况', '院党委成立巡察整改工作领导小组。'].join('\n'));
    expect(error.code).toBe('no-progress-part');
    expect(error.message).toMatch(/未找到整改进展部分/);
  });
});
