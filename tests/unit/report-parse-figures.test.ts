import { findFeedbackDate, findIssuedDate, parseDeadline } from '../../report/dates';
import { emptyFigures, extractFigures } from '../../report/figures';
import { toParagraphs } from '../../report/normalize';
import { parseReport } from '../../report/parse';
import type { ReportFigures } from '../../report/schema';

const figures = (text: string): ReportFigures => extractFigures([text]);
const only = (partial: Partial<ReportFigures>): ReportFigures => ({ ...emptyFigures(), ...partial });

describe('headline figures', () => {
  it('the Luoyang phrasing, including sub-counts that must not override', () => {
    expect(
      figures(
        '截至目前，巡察反馈的71个问题（含审计中发现尚未整改到位3个问题），已完成整改68个，未完成整改3个；制定的210条措施，已完成206条；建立完善规章制度56个，挽回资金损失88.04万元，党纪处分3人，诫勉12人，责令检查5人。巡察移交的信访事项12件，均已办结，其中移交问题线索5件，责令检查1人。',
      ),
    ).toEqual(only({
      problems: 71, problemsCompleted: 68, problemsUnfinished: 3, measures: 210, measuresCompleted: 206,
      regulations: 56, fundsRecoveredWan: 88.04, partyDiscipline: 3, admonishment: 12, orderedSelfCriticism: 5,
    }));
  });

  it('counts before their noun, "其余…正在推进", 建章立制 and 挽回经济损失', () => {
    expect(
      figures('此次巡察共反馈问题4类18个，截至目前已整改完成16个，其余2个正在推进；制定整改措施56项，已完成52项；建章立制14项，挽回经济损失3.6万元。'),
    ).toEqual(only({ problems: 18, problemsCompleted: 16, problemsUnfinished: 2, measures: 56, measuresCompleted: 52, regulations: 14, fundsRecoveredWan: 3.6 }));
  });

  it('total and completion in one clause', () => {
    expect(figures('反馈的25个问题已完成整改22个，3个问题正在持续整改。')).toEqual(
      only({ problems: 25, problemsCompleted: 22, problemsUnfinished: 3 }),
    );
    expect(figures('巡察反馈的30个问题已全部整改到位。')).toEqual(only({ problems: 30, problemsCompleted: 30 }));
  });

  it('money in 元 and 亿元 is converted to 万元', () => {
    expect(figures('追回资金126000元。').fundsRecoveredWan).toBe(12.6);
    expect(figures('挽回损失1.2亿元。').fundsRecoveredWan).toBe(12000);
  });

  it('disciplinary counts with the number before the action, 人次, and Chinese numerals', () => {
    expect(figures('对3人给予党纪处分，对5人进行诫勉谈话，责令2人作出书面检查。')).toEqual(
      only({ partyDiscipline: 3, admonishment: 5, orderedSelfCriticism: 2 }),
    );
    expect(figures('给予党纪处分三人、诫勉谈话12人次。')).toEqual(only({ partyDiscipline: 3, admonishment: 12 }));
  });

  it('numbers that are not headline figures stay null', () => {
    expect(figures('召开专题会议29次，选派5名专家常驻，收到整改通知书7份。坚决做到“两个维护”，增强“四个意识”。')).toEqual(emptyFigures());
  });

  it('a report that states no figures has all of them null', () => {
    const text = [
      '中共示例县人民医院委员会关于巡察整改进展情况的通报',
      '根据县委统一部署，县委巡察组对示例县人民医院党委开展了巡察。',
      '二、整改进展情况', '（一）关于理论学习方面', '1.学习不深入。', '一是制定学习计划，组织学习12次，修订制度3项。',
    ].join('\n');
    expect(parseReport(text).figures).toEqual(emptyFigures());
  });

  it('figures inside a problem body are not headline figures', () => {
    const text = [
      '中共示例县人民医院委员会关于巡察整改进展情况的通报',
      '根据县委统一部署，县委巡察组对示例县人民医院党委开展了巡察。截至目前，反馈的2个问题已全部整改完成。',
      '二、整改进展情况', '（一）关于财务管理方面', '1.违规发放补贴。', '一是追回资金5万元，对1人给予党纪处分。',
      '2.预算执行不严。', '一是修订制度2项。',
    ].join('\n');
    expect(parseReport(text).figures).toEqual(only({ problems: 2, problemsCompleted: 2 }));
  });
});

describe('dates', () => {
  it('feedback date: year-less date takes the year of the inspection dates before it', () => {
    expect(findFeedbackDate(['2024年7月19日至9月14日，市委第九巡察组对某院党委进行了巡察。10月30日，市委巡察组向某院党委反馈了巡察意见。'])).toBe('2024-10-30');
    expect(findFeedbackDate(['2023年11月6日至12月20日进行了巡察。1月15日，巡察组反馈了巡察意见。'])).toBe('2024-01-15');
    expect(findFeedbackDate(['巡察组于2024年5月10日向医院党委反馈了巡察意见。'])).toBe('2024-05-10');
    expect(findFeedbackDate(['市委巡察组对医院党委开展了巡察并反馈了意见。'])).toBeNull();
  });

  it('issued date: only a date standing alone at the end, arabic or Chinese numerals', () => {
    expect(findIssuedDate(['欢迎监督。', '中共某院委员会', '二〇二五年四月七日'])).toBe('2025-04-07');
    expect(findIssuedDate(['欢迎监督。', '中共某院委员会2025年4月16日'])).toBe('2025-04-16');
    expect(findIssuedDate(['欢迎监督。公开期限：2025年4月7日至5月6日。'])).toBeNull();
    expect(findIssuedDate(['承诺整改时限：2025年12月31日', '欢迎监督。'])).toBeNull();
  });

  it('committed deadlines in day, month, year or no precision', () => {
    expect(parseDeadline('2025年12月31日')).toBe('2025-12-31');
    expect(parseDeadline('2025 年 2 月底前')).toBe('2025-02-28');
    expect(parseDeadline('2024年2月')).toBe('2024-02-29');
    expect(parseDeadline('2025年底')).toBe('2025-12-31');
    expect(parseDeadline('2025年上半年')).toBe('2025-06-30');
    expect(parseDeadline('2025.9.30')).toBe('2025-09-30');
    expect(parseDeadline('二〇二五年十二月三十一日')).toBe('2025-12-31');
    expect(parseDeadline('长期坚持')).toBeNull();
    expect(parseDeadline('2025年2月30日')).toBeNull();
  });
});

describe('paragraphs', () => {
  it('joins hard-wrapped lines, drops page markers of several shapes and PDF spaces', () => {
    const wrapped = [
      '根据市委统一部署，2024 年 3 月底至 6 月，市委第五巡察',
      '组对市妇幼保健院党委开展了常规巡察。2024 年 9 月 26 日，市',
      '— 13 —',
      '委巡察组向市妇幼保健院党委反馈了巡察意见。按照巡察工作',
      '第 2 页 共 9 页',
      '有关要求，现将巡察集中整改进展情况予以公布。',
      '一、整改工作基本情况',
      '（一）统一思想认识。医院党委高度重视市委第五巡察组',
      '- 14 -',
      '反馈意见，把巡察整改作为当前一项重大政治任务、一项重中',
      '之重工作来抓，学深悟透市委有关巡察工作精神，牢固树立“四',
      '个意识”。',
    ].join('\n\n');
    expect(toParagraphs(wrapped)).toEqual([
      '根据市委统一部署，2024年3月底至6月，市委第五巡察组对市妇幼保健院党委开展了常规巡察。2024年9月26日，市委巡察组向市妇幼保健院党委反馈了巡察意见。按照巡察工作有关要求，现将巡察集中整改进展情况予以公布。',
      '一、整改工作基本情况',
      '（一）统一思想认识。医院党委高度重视市委第五巡察组反馈意见，把巡察整改作为当前一项重大政治任务、一项重中之重工作来抓，学深悟透市委有关巡察工作精神，牢固树立“四个意识”。',
    ]);
  });

  it('keeps one line per paragraph when the text is not hard-wrapped', () => {
    expect(toParagraphs('1.学习不深入\n按照计划组织学习。\n\n2.预算执行不严\n修订预算管理办法。')).toEqual([
      '1.学习不深入', '按照计划组织学习。', '2.预算执行不严', '修订预算管理办法。',
    ]);
  });
});
