// The report written from a real PostgreSQL ledger, read back by parseReport: aspects, problems,
// measures, statuses, committed deadlines and figures must be what the ledger holds.
import { setReportText } from '../../db/queries/set-report-text';
import { compose } from '../../report/compose';
import { toMarkdown } from '../../report/markdown';
import { loadReportModel } from '../../report/model';
import { parseReport, type ParsedReport } from '../../report/parse';
import type { ParsedProblem } from '../../report/schema';
import { migratedPg, type TestDb } from '../db/pg';
import { ASPECT_1, ASPECT_2, loadReportState, PROGRESS_NOTE, reportLedger } from './ledger-state';
import { ledgerExpectation, loadRandomCampaign } from './random-ledger';

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
  await loadReportState(t.db, reportLedger('rt-1'));
});
afterAll(async () => t?.close());

const report = async (asOf: string) => toMarkdown(compose(await loadReportModel(t.db, 'rt-1', asOf)));
const done = (title: string, measures: string[]): ParsedProblem => ({ title, status: 'completed', committedDeadline: null, measures });
const open = (title: string, committedDeadline: string | null, measures: string[]): ParsedProblem => ({ title, status: 'unfinished', committedDeadline, measures });

test('as of 2025-03-20: completed and unfinished items, deadlines and figures come back from the text exactly', async () => {
  const expected: ParsedReport = {
    org: '青城市人民医院',
    feedbackDate: '2024-12-20',
    issuedDate: '2025-03-20',
    aspects: [
      { title: ASPECT_1, problems: [done('大额资金支出未经集体决策', ['修订“三重一大”决策制度。', '清查2023年以来大额支出。']), done('公务接待超标准', ['退回超标准接待费用。'])] },
      { title: ASPECT_1, problems: [open('干部档案管理不规范', '2025-02-28', [])] },
      {
        title: ASPECT_2,
        problems: [
          open('收受医药代表宴请问题', '2025-06-30', ['开展廉洁行医专项整治。']),
          open('医德医风教育不经常', null, ['每季度开展医德医风专题教育。']),
          // Closed on 03-25: still unfinished on the report date.
          open('2023年以来门诊收费存在差错', '2025-03-31', ['开展收费专项检查。']),
        ],
      },
    ],
    figures: {
      problems: 6, problemsCompleted: 2, problemsUnfinished: 4, measures: 6, measuresCompleted: 4,
      regulations: 2, fundsRecoveredWan: 12.85, partyDiscipline: 2, admonishment: 1, orderedSelfCriticism: 3,
    },
  };
  const md = await report('2025-03-20');
  expect(parseReport(md)).toEqual(expected);
  // What the parser drops, a reader still sees: the latest note then, with its ordinals the writer's own.
  expect(md).toContain('已开展专题教育两次：其一，组织观看警示片；其二，开展医德医风知识测试。');
  expect(md).toContain('承诺整改时限：2025年2月28日（整改措施正在制定中）');
  expect(md).toContain('2025年1月10日，举办巡察整改专题培训班。');
  expect(md).not.toContain('总结会'); // recorded after the report date
});

test('as of 2025-03-31 the late closure, its measure and its regulation count; later notes and events appear', async () => {
  const model = await loadReportModel(t.db, 'rt-1', '2025-03-31');
  const parsed = parseReport(toMarkdown(compose(model)));
  expect(parsed.aspects.map((a) => [a.title, a.problems.map((p) => [p.title, p.status])])).toEqual([
    [ASPECT_1, [['大额资金支出未经集体决策', 'completed'], ['公务接待超标准', 'completed']]],
    [ASPECT_2, [['2023年以来门诊收费存在差错', 'completed']]],
    [ASPECT_1, [['干部档案管理不规范', 'unfinished']]],
    [ASPECT_2, [['收受医药代表宴请问题', 'unfinished'], ['医德医风教育不经常', 'unfinished']]],
  ]);
  expect(parsed.figures).toMatchObject({ problemsCompleted: 3, problemsUnfinished: 3, measuresCompleted: 5, regulations: 3 });
  expect(parsed.issuedDate).toBe('2025-03-31');
  const p3 = model.aspects[1]!.problems.find((p) => p.no === 3)!;
  expect(p3.progress).toBe('第三次专题教育已完成');
  expect((await loadReportModel(t.db, 'rt-1', '2025-03-20')).aspects[1]!.problems.find((p) => p.no === 3)!.progress).toBe(PROGRESS_NOTE);
  expect(model.events.map((e) => e.onDate)).toEqual(['2024-12-25', '2025-01-10', '2025-03-26']);
});

test('office texts replace the defaults in the report; clearing one restores its default', async () => {
  await setReportText(t.db, 'rt-1', 'contact', '欢迎广大干部群众对巡察整改落实情况进行监督。\n联系方式：电话0763-1234567；电子邮箱qcrmyy@example.com。');
  await setReportText(t.db, 'rt-1', 'issuer', '青城市人民医院党委');
  const doc = compose(await loadReportModel(t.db, 'rt-1', '2025-03-20'));
  const md = toMarkdown(doc);
  expect(md).toContain('\n\n联系方式：电话0763-1234567；电子邮箱qcrmyy@example.com。\n\n青城市人民医院党委\n\n2025年3月20日\n');
  expect(doc.defaulted).toEqual(['organisation', 'next-steps']);
  // The contact block and signature are the report's closing: figures and dates stay the ledger's.
  expect(parseReport(md)).toMatchObject({ issuedDate: '2025-03-20', figures: { problems: 6, problemsCompleted: 2 } });
  await setReportText(t.db, 'rt-1', 'issuer', null);
  expect(toMarkdown(compose(await loadReportModel(t.db, 'rt-1', '2025-03-20')))).toContain('\n\n中共青城市人民医院委员会\n\n2025年3月20日\n');
});

test.each([
  ['a mix of states', 60, 11],
  ['every problem closed (no completed/unfinished split)', 25, 0],
])('a generated campaign (%s) reads back as its ledger', async (_name, problems, openEvery) => {
  const id = `rt-random-${problems}-${openEvery}`;
  await loadRandomCampaign(t.db, id, problems, openEvery);
  const parsed = parseReport(toMarkdown(compose(await loadReportModel(t.db, id, '2030-01-01'))));
  expect(parsed).toEqual(await ledgerExpectation(t.db, id, '2030-01-01'));
});
