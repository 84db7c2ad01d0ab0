// The desk's two downloadable documents, read back from the .docx as Word stores it
// (word/document.xml): the 对账销号单 of a problem closed in its second closure round, and a 督办单.
import { newProblemsOf } from '../../domain/campaign';
import { UserError } from '../../domain/errors';
import { formatOutcome, OUTCOME_FIGURES, outcomeHeader, type Outcomes } from '../../domain/outcomes';
import { applyAction, newProblemData, validateAction } from '../../domain/problem';
import { closureSheetDocx } from '../../report/closure-sheet';
import { beijingTime, closureSheetInput } from '../../report/closure-sheet-model';
import { noticeNumber, supervisionNoticeDocx } from '../../report/supervision-notice';
import { smallLedger } from '../support/ledger';
import { closedProblem, DESCRIPTION, docxText, EVIDENCE, extraOf, noticeInput, RETURN_REASON, TITLE, VERIFY_OPINION } from './documents-fixture';

const runWith = (xml: string, text: string) => [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*<\/w:r>/g)].map((m) => m[0]).find((r) => r.includes(`>${text}</w:t>`));

describe('对账销号单', () => {
  it('reads the final round: the office return is superseded, each level has its name, Beijing time and opinion', () => {
    const d = closedProblem();
    const input = closureSheetInput(d, extraOf(d));
    expect(input.opinions).toEqual({
      review: { name: '李院长', at: '2026年2月25日 15:10', opinion: '同意销号' },
      verify: { name: '周主任', at: '2026年2月26日 16:05', opinion: VERIFY_OPINION },
      approve: { name: '王书记', at: '2026年2月28日 00:30', opinion: '同意销号' },
    });
    expect(input.problem).toMatchObject({ originalDeadline: '2026-01-31', deadline: '2026-02-28', closedOn: '2026-02-28', kindLabel: '限期整改' });
    expect(input.evidence.map((e) => e.measureId)).toEqual(['M1', 'M1', 'M2', 'M3', 'M3']);
    expect(beijingTime('2026-02-27T16:30:00Z')).toBe('2026年2月28日 00:30');
  });

  it('prints every fact, measure, summed outcome figure, full hash and decision, user text literally', async () => {
    const d = closedProblem();
    const { xml, paragraphs, rows } = await docxText(await closureSheetDocx(closureSheetInput(d, extraOf(d))));
    expect(paragraphs[0]).toBe('巡察反馈问题整改对账销号单');
    expect(paragraphs).toEqual(expect.arrayContaining(['被巡察单位：德州市妇幼保健院', '整改事项：市委第五巡察组反馈问题整改', '打印时间：2026年3月2日 10:45']));
    expect(rows).toEqual(
      expect.arrayContaining([
        '序号|第7项|类型|限期整改',
        `问题|${TITLE}`,
        `问题描述|${DESCRIPTION}`,
        '责任领导|李院长|责任科室|财务科',
        '责任人|钱科长|销号日期|2026年2月28日',
        '原整改时限|2026年1月31日|承诺整改时限|2026年2月28日',
        '编号|措施|责任人|时限|完成时间',
        'M1|修订《药品采购管理办法》，明确议价须经院长办公会集体研究|钱科长|2026年1月15日|2026年1月14日 15:00',
        'M2|清查2023年以来二次议价记录，清退议价差额|孙会计|2026年1月25日|2026年2月10日 16:15',
        'M3|对相关责任人开展诫勉谈话|钱科长|2026年1月30日|2026年2月12日 17:00',
        OUTCOME_FIGURES.map(outcomeHeader).join('|'),
        '序号|措施|名称|大小|SHA-256',
        '责任领导\n审核意见|同意销号|签名：李院长|时间：2026年2月25日 15:10',
        `领导小组办公室\n核验意见|${VERIFY_OPINION}|签名：周主任|时间：2026年2月26日 16:05`,
        '领导小组\n审批意见|同意销号|签名：王书记|时间：2026年2月28日 00:30',
      ]),
    );
    const sums: Outcomes = { regulations: 2, fundsRecoveredWan: 12.35, partyDiscipline: 0, admonishment: 1, orderedSelfCriticism: 2 };
    expect(rows).toContain(OUTCOME_FIGURES.map((f) => formatOutcome(f, sums[f.key])).join('|'));

    const evidenceRows = rows.filter((r) => /\|[0-9a-f]{64}$/.test(r));
    expect(evidenceRows).toEqual([
      `1|M1|文字佐证：${(EVIDENCE.M1![1] as { text: string }).text}|70 B|${EVIDENCE.M1![1]!.sha256}`,
      `2|M1|关于印发《药品采购管理办法（2026年修订）》的通知.pdf|1.2 MB|${EVIDENCE.M1![0]!.sha256}`,
      `3|M2|议价差额清退凭证.xlsx|47.1 KB|${EVIDENCE.M2![0]!.sha256}`,
      `4|M3|现场照片.jpg|3.7 MB|${EVIDENCE.M3![1]!.sha256}`,
      `5|M3|诫勉谈话记录.docx|21.0 KB|${EVIDENCE.M3![0]!.sha256}`,
    ]);
    for (const e of Object.values(EVIDENCE).flat()) {
      // The whole hash in one run of the small monospace face.
      const run = runWith(xml, e.sha256);
      expect(run).toContain('w:ascii="Courier New"');
      expect(run).toContain('<w:sz w:val="14"/>');
    }

    // The returned round's words are gone; user text is escaped by the writer, never markup.
    expect(xml).not.toContain('初审同意');
    expect(paragraphs.join('\n')).not.toContain(RETURN_REASON);
    expect(xml).toContain('&lt;未经&gt;集体决策 &amp;');
    expect(xml).not.toContain('<未经>');
  });

  it('refuses a problem that is not closed, with a Chinese InvalidState error', () => {
    const inProgress = closedProblem();
    const now = Date.parse('2026-05-06T01:00:00Z');
    const { args, actor } = validateAction(inProgress, 'reopen', { actor: 'office1', reason: '回头看发现议价仍未上会', deadline: '2026-06-30' }, now);
    applyAction(inProgress, 'reopen', args, actor, now);
    const refusal = (() => {
      try {
        closureSheetInput(inProgress, extraOf(inProgress));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(UserError);
    expect(refusal).toMatchObject({ code: 'InvalidState', message: '问题7当前状态为「制定措施中」，尚未销号，不能生成对账销号单' });

    const fresh = newProblemData(newProblemsOf(smallLedger(), '2026-01-05')[0]!, Date.parse('2026-01-05T01:00:00Z'));
    expect(() => closureSheetInput(fresh, extraOf(fresh))).toThrow('问题1当前状态为「待认领」，尚未销号');
  });

  it('a problem loaded as already closed has no decisions to show and says so', async () => {
    const ledger = smallLedger();
    ledger.problems[0]!.closed = true;
    const d = newProblemData(newProblemsOf(ledger, '2026-01-05')[0]!, Date.parse('2026-01-05T01:00:00Z'));
    const input = closureSheetInput(d, { ...extraOf(d), evidence: [] });
    expect(input.opinions).toEqual({ review: null, verify: null, approve: null });
    const { rows, paragraphs } = await docxText(await closureSheetDocx(input));
    expect(rows).toContain('责任领导\n审核意见|（无系统审批记录：该问题随台账导入时已销号）|签名：|时间：');
    expect(paragraphs).toContain('（无佐证材料记录）');
  });
});

describe('督办单', () => {
  it('has the title, a right-aligned number line, 主送, the facts table, the matter, the requirement, a signing line and the issuer', async () => {
    const input = noticeInput();
    const { xml, paragraphs, rows } = await docxText(await supervisionNoticeDocx(input));
    expect(paragraphs.slice(0, 3)).toEqual(['巡察整改督办单', '督办〔2026〕第3号', '主送：王书记、李院长、财务科']);
    const numberPara = xml.split('</w:p>').find((p) => p.includes('督办〔2026〕第3号'));
    expect(numberPara).toContain('<w:jc w:val="right"/>');
    expect(xml).toMatch(/<w:tblBorders><w:top w:val="single"/);
    expect(rows).toEqual([
      '被巡察单位|德州市妇幼保健院',
      '问题序号|第7项|整改类型|限期整改',
      `问题|${TITLE}`,
      `问题描述|${DESCRIPTION}`,
      '责任领导|李院长|责任科室|财务科',
      '责任人|钱科长|承诺整改时限|2026年2月28日',
      '督办日期|2026年3月7日|逾期天数|7天',
      '整改措施|M1　修订《药品采购管理办法》（已完成）|M2　清退议价差额 & 追责<供应商>（未完成）|M3　对相关责任人开展诫勉谈话（未完成）',
    ]);
    const text = paragraphs.join('\n');
    expect(text).toContain(`巡察反馈问题第7项“${TITLE}”由财务科负责整改，责任领导李院长，责任人钱科长，承诺整改时限为2026年2月28日。`);
    expect(text).toContain('截至2026年3月7日，该问题已逾期7天，整改措施3条，已完成1条，未完成M2、M3。现予督办。');
    // The office's text as typed, its line break kept.
    expect(paragraphs).toContain(input.requirement);
    expect(text).toContain(`限期办结时间：2026年3月21日。请于期限内办结，并将整改情况及佐证材料书面报送${input.issuer}。`);
    const blank = '　'.repeat(8);
    expect(paragraphs).toContain(`签收人：${blank}　　签收时间：${blank}`);
    expect(runWith(xml, blank)).toContain('<w:u w:val="single"/>');
    expect(paragraphs.slice(-2)).toEqual([input.issuer, '2026年3月7日']);
    expect(paragraphs.indexOf('督办事项')).toBeLessThan(paragraphs.indexOf('办理要求'));
  });

  it('numbers with an optional prefix', () => {
    expect(noticeNumber({ year: 2026, seq: 12, numberPrefix: '清医整改' })).toBe('清医整改督办〔2026〕第12号');
    expect(noticeNumber({ year: 2025, seq: 1 })).toBe('督办〔2025〕第1号');
  });
});
