// compose() on hand-built models: the report's skeleton, measure numbering, the completed /
// unfinished split and the figures, all without a database.
import type { Block } from '../../report/blocks';
import { compose } from '../../report/compose';
import { toMarkdown } from '../../report/markdown';
import type { ReportModel } from '../../report/model';
import { parseReport } from '../../report/parse';
import { figuresSentence, tally } from '../../report/tally';
import { problem, sampleModel } from './sample-model';

const headings = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.level} ${b.role} ${b.text}`] : []));
const paragraphs = (blocks: Block[], role: string) => blocks.flatMap((b) => (b.kind === 'paragraph' && b.role === role ? [b.text] : []));

/** The sample with every problem struck off. */
const allClosed = (): ReportModel => {
  const m = sampleModel();
  return { ...m, aspects: m.aspects.map((a) => ({ ...a, problems: a.problems.map((p) => ({ ...p, completed: true, status: 'closed' as const })) })) };
};

describe('compose', () => {
  test('skeleton of a report with unfinished items: 一二三, completed and unfinished parts, aspects 1. and problems （1）', () => {
    const doc = compose(sampleModel());
    expect(doc.blocks[0]).toEqual({ kind: 'title', text: '中共青城市人民医院委员会关于市委第二巡察组巡察整改进展情况的通报' });
    expect(headings(doc.blocks)).toEqual([
      '1 section 一、整改工作基本情况',
      '1 section 二、集中整改进展情况',
      '2 part （一）已完成整改事项',
      '3 aspect 1.关于落实全面从严治党主体责任方面',
      '4 problem （1）大额资金支出未经集体决策。',
      '4 problem （2）公务接待超标准。',
      '3 aspect 2.关于医疗服务和行风建设方面',
      '4 problem （1）2023年以来门诊收费存在差错。',
      '2 part （二）未整改到位事项进展及承诺整改时限',
      '3 aspect 1.关于医疗服务和行风建设方面',
      '4 problem （1）收受医药代表宴请问题。',
      '4 problem （2）医德医风教育不经常。',
      '1 section 三、下一步工作打算',
    ]);
    expect(doc.blocks.slice(-2)).toEqual([{ kind: 'signature', text: '中共青城市人民医院委员会' }, { kind: 'date', text: '2025年3月20日' }]);
    expect(paragraphs(doc.blocks, 'preamble')).toEqual([
      '根据市委统一部署，2024年9月2日至10月31日，市委第二巡察组对青城市人民医院党委开展了巡察。2024年12月20日，市委第二巡察组向青城市人民医院党委反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。',
    ]);
  });

  test('measures read 一是…二是…; unfinished items give 目前进展 and 承诺整改时限; hand-written ordinals are neutralised', () => {
    const doc = compose(sampleModel());
    expect(paragraphs(doc.blocks, 'measures')[0]).toBe('整改情况：一是修订“三重一大”决策制度。二是清查2023年以来大额支出。');
    expect(paragraphs(doc.blocks, 'progress')).toEqual([
      '目前进展：整改措施已落实，正在履行销号审核程序。已完成整改措施1条，正在推进1条。主要措施：一是开展廉洁行医专项整治。二是建立医药代表接待登记制度。',
      '目前进展：已开展专题教育两次：其一，组织全院职工观看警示片；其二，开展医德医风知识测试。1条整改措施正在推进。主要措施：一是每季度开展医德医风专题教育。',
    ]);
    expect(paragraphs(doc.blocks, 'deadline')).toEqual(['承诺整改时限：2025年6月30日', '承诺整改时限：长期坚持']);
    const eleven = sampleModel({ aspects: [{ no: 1, title: '关于某方面', problems: [problem(1, { measures: Array.from({ length: 11 }, (_, i) => ({ text: `措施${i + 1}`, done: true })) })] }] });
    expect(paragraphs(compose(eleven).blocks, 'measures')[0]).toMatch(/九是措施9。十是措施10。十一是措施11。$/);
  });

  test('no split when everything is completed: aspects （一） hold problems （1） directly', () => {
    const doc = compose(allClosed());
    expect(headings(doc.blocks).filter((h) => !h.includes('section'))).toEqual([
      '2 aspect （一）关于落实全面从严治党主体责任方面',
      '3 problem （1）大额资金支出未经集体决策。',
      '3 problem （2）公务接待超标准。',
      '2 aspect （二）关于医疗服务和行风建设方面',
      '3 problem （1）收受医药代表宴请问题。',
      '3 problem （2）医德医风教育不经常。',
      '3 problem （3）2023年以来门诊收费存在差错。',
    ]);
    expect(paragraphs(doc.blocks, 'progress')).toEqual([]);
  });

  test('only unfinished items: one part, numbered （一）; a problem without measures says so in its deadline clause', () => {
    const m = sampleModel({ aspects: [{ no: 1, title: '2024年度重点工作方面', problems: [problem(7, { completed: false, status: 'planning', measures: [] })] }] });
    const doc = compose(m);
    expect(headings(doc.blocks).filter((h) => !h.includes('section'))).toEqual([
      '2 part （一）未整改到位事项进展及承诺整改时限',
      // "1.2024年" would read as a decimal number, not as a heading.
      '3 aspect 1. 2024年度重点工作方面',
      '4 problem （1）问题7。',
    ]);
    expect(paragraphs(doc.blocks, 'deadline')).toEqual(['承诺整改时限：2025年3月31日（整改措施正在制定中）']);
    expect(parseReport(toMarkdown(doc)).aspects).toEqual([
      { title: '2024年度重点工作方面', problems: [{ title: '问题7', status: 'unfinished', committedDeadline: '2025-03-31', measures: [] }] },
    ]);
  });

  test('figures are counted from the model, never typed in; zero outcomes are left unsaid', () => {
    const doc = compose(sampleModel());
    expect(doc.figures).toEqual({
      problems: 5, problemsCompleted: 3, problemsUnfinished: 2, measures: 7, measuresCompleted: 5,
      regulations: 3, fundsRecoveredWan: 12.85, partyDiscipline: 2, admonishment: 1, orderedSelfCriticism: 3,
    });
    expect(paragraphs(doc.blocks, 'figures')).toEqual([
      '截至2025年3月20日，巡察反馈的5个问题，已完成整改3个，未完成整改2个；制定整改措施7条，已完成5条；建立完善规章制度3个，挽回资金损失12.85万元，党纪处分2人，诫勉1人，责令检查3人。',
    ]);
    const closed = allClosed();
    expect(figuresSentence({ ...tally(closed), regulations: 0, fundsRecoveredWan: 0.1 + 0.2, partyDiscipline: 0, admonishment: 0, orderedSelfCriticism: 0 }, '2025-04-07')).toBe(
      '截至2025年4月7日，巡察反馈的5个问题已全部完成整改；制定整改措施7条，已完成5条；挽回资金损失0.3万元。',
    );
  });

  test('meetings are counted and events listed by date; office texts replace the defaults', () => {
    const doc = compose(sampleModel({ texts: { organisation: '院党委成立整改领导小组。\n\n实行周调度制度。', 'next-steps': '持续抓好整改。' } }));
    expect(paragraphs(doc.blocks, 'office')).toEqual([
      '院党委成立整改领导小组。',
      '实行周调度制度。',
      '集中整改期间，召开巡察整改相关会议2次，研究部署整改工作，协调解决重点难点问题。',
      '持续抓好整改。',
    ]);
    expect(paragraphs(doc.blocks, 'event')).toEqual([
      '2024年12月25日，召开党委会专题研究巡察反馈意见，制定整改工作方案。',
      '2025年1月10日，举办巡察整改专题培训班。',
      '2025年2月18日，召开整改推进会，听取各责任科室整改进展汇报。',
    ]);
    expect(doc.defaulted).toEqual(['contact', 'issuer']);
    expect(compose(sampleModel()).defaulted).toEqual(['organisation', 'next-steps', 'contact', 'issuer']);
  });
});

describe('toMarkdown', () => {
  test('the title is the only Markdown heading; every block is a paragraph; parseReport reads it back', () => {
    const md = toMarkdown(compose(sampleModel({ texts: { organisation: '> 成立领导小组' } })));
    expect(md.startsWith('# 中共青城市人民医院委员会关于市委第二巡察组巡察整改进展情况的通报\n\n根据市委统一部署')).toBe(true);
    expect(md).toContain('\n\n（一）已完成整改事项\n\n1.关于落实全面从严治党主体责任方面\n\n（1）大额资金支出未经集体决策。\n\n整改情况：一是');
    expect(md).toContain('\n\n\\>成立领导小组。\n\n'); // office text escaped so Markdown keeps it a paragraph
    const parsed = parseReport(md);
    expect(parsed.org).toBe('青城市人民医院');
    expect(parsed.aspects.flatMap((a) => a.problems.map((p) => [p.title, p.status, p.committedDeadline, p.measures.length]))).toEqual([
      ['大额资金支出未经集体决策', 'completed', null, 2],
      ['公务接待超标准', 'completed', null, 1],
      ['2023年以来门诊收费存在差错', 'completed', null, 1],
      ['收受医药代表宴请问题', 'unfinished', '2025-06-30', 2],
      ['医德医风教育不经常', 'unfinished', null, 1],
    ]);
  });

  test('many aspects with long titles and one short item each still read back (the text then looks hard-wrapped to the parser)', () => {
    const title = (i: number) => `关于“学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入问题”的整改第${i}项`;
    const aspects = Array.from({ length: 20 }, (_, i) => ({ no: i + 1, title: title(i + 1), problems: [problem(i + 1, { title: `问题${i + 1}`, measures: [{ text: '整改', done: true }] })] }));
    const parsed = parseReport(toMarkdown(compose(sampleModel({ aspects, events: [] }))));
    expect(parsed.aspects).toEqual(aspects.map((a) => ({ title: a.title, problems: [{ title: `问题${a.no}`, status: null, committedDeadline: null, measures: ['整改。'] }] })));
    expect([parsed.org, parsed.feedbackDate, parsed.issuedDate, parsed.figures.problems]).toEqual(['青城市人民医院', '2024-12-20', '2025-03-20', 20]);
  });
});
