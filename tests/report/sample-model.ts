// A hand-built ReportModel (no database): 青城市人民医院, two aspects, five problems — three
// struck off, one in closure review after an approved extension, one long-term with a progress
// note written with its own 一是/二是.
import { ZERO_OUTCOMES, type Outcomes } from '../../domain/outcomes';
import type { ReportModel, ReportProblem } from '../../report/model';

const outcomes = (o: Partial<Outcomes> = {}): Outcomes => ({ ...ZERO_OUTCOMES, ...o });

export function problem(no: number, patch: Partial<ReportProblem> = {}): ReportProblem {
  return {
    no,
    title: `问题${no}`,
    kind: 'time-bound',
    status: 'closed',
    completed: true,
    deadline: '2025-03-31',
    measures: [{ text: `问题${no}的整改措施`, done: true }],
    progress: null,
    outcomes: outcomes(),
    ...patch,
  };
}

export function sampleModel(patch: Partial<ReportModel> = {}): ReportModel {
  return {
    campaignId: 'qc-2025',
    organisation: '青城市人民医院',
    inspectionTeam: '市委第二巡察组',
    inspectionStart: '2024-09-02',
    inspectionEnd: '2024-10-31',
    feedbackDate: '2024-12-20',
    asOf: '2025-03-20',
    headTitle: '党委书记',
    aspects: [
      {
        no: 1,
        title: '关于落实全面从严治党主体责任方面',
        problems: [
          problem(1, {
            title: '大额资金支出未经集体决策',
            measures: [
              { text: '修订“三重一大”决策制度', done: true },
              { text: '清查2023年以来大额支出。', done: true },
            ],
            outcomes: outcomes({ regulations: 2, fundsRecoveredWan: 12.35, admonishment: 1 }),
          }),
          problem(4, { title: '公务接待超标准', measures: [{ text: '退回超标准接待费用', done: true }], outcomes: outcomes({ fundsRecoveredWan: 0.5 }) }),
        ],
      },
      {
        no: 2,
        title: '关于医疗服务和行风建设方面',
        problems: [
          problem(2, {
            title: '收受医药代表宴请问题',
            kind: 'immediate',
            status: 'leader_review',
            completed: false,
            deadline: '2025-06-30',
            measures: [
              { text: '开展廉洁行医专项整治', done: true },
              { text: '建立医药代表接待登记制度', done: false },
            ],
            outcomes: outcomes({ partyDiscipline: 2, orderedSelfCriticism: 3, regulations: 1 }),
          }),
          problem(3, {
            title: '医德医风教育不经常',
            kind: 'long-term',
            status: 'in_progress',
            completed: false,
            deadline: null,
            measures: [{ text: '每季度开展医德医风专题教育', done: false }],
            progress: '已开展专题教育两次：一是组织全院职工观看警示片；二是开展医德医风知识测试',
          }),
          problem(5, { title: '2023年以来门诊收费存在差错', measures: [{ text: '开展收费专项检查', done: true }] }),
        ],
      },
    ],
    events: [
      { onDate: '2024-12-25', kind: 'meeting', text: '召开党委会专题研究巡察反馈意见，制定整改工作方案' },
      { onDate: '2025-01-10', kind: 'event', text: '举办巡察整改专题培训班' },
      { onDate: '2025-02-18', kind: 'meeting', text: '召开整改推进会，听取各责任科室整改进展汇报。' },
    ],
    texts: {},
    ...patch,
  };
}
