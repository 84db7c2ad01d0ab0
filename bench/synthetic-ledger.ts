import { addDays } from '../domain/dates';
import { CampaignLedger, CampaignLedgerSchema } from '../domain/schemas';

const DEPARTMENTS = ['党委办公室', '医务科', '护理部', '财务科', '人事科', '纪检监察室', '院长办公室', '后勤保障科', '信息科', '药剂科'];

/** A city-level round's worth of problems: `n` problems in 10 departments, 2 measures each. */
export function syntheticLedger(id: string, n: number, firstDeadline: string): CampaignLedger {
  const people = [
    { id: 'head', name: '组长' },
    { id: 'office', name: '办公室' },
    ...DEPARTMENTS.map((d, i) => ({ id: `leader${i}`, name: `分管领导${i}` })),
    ...DEPARTMENTS.map((d, i) => ({ id: `owner${i}`, name: `${d}负责人`, department: d })),
  ];
  return CampaignLedgerSchema.parse({
    id,
    name: `基准测试 ${n}`,
    organisation: '某市直单位',
    inspectionTeam: '市委第一巡察组',
    inspectionStart: '2026-03-01',
    inspectionEnd: '2026-05-31',
    feedbackDate: '2026-07-01',
    concentratedPeriodEnd: addDays(firstDeadline, 90),
    leadingGroup: { head: 'head', deputies: [], office: ['office'], members: [] },
    people,
    departments: DEPARTMENTS,
    aspects: Array.from({ length: 10 }, (_, i) => ({ no: i + 1, title: `关于第${i + 1}方面` })),
    problems: Array.from({ length: n }, (_, i) => {
      const d = i % DEPARTMENTS.length;
      const deadline = addDays(firstDeadline, i % 60);
      return {
        no: i + 1,
        aspect: (i % 10) + 1,
        title: `问题${i + 1}：制度执行不到位`,
        kind: i % 10 === 9 ? 'long-term' : 'time-bound',
        responsibleLeader: `leader${d}`,
        department: DEPARTMENTS[d],
        owner: `owner${d}`,
        deadline: i % 10 === 9 ? undefined : deadline,
        measures: [
          { text: '修订相关制度', owner: `owner${d}`, due: deadline },
          { text: '开展专项检查', owner: `owner${d}`, due: deadline },
        ],
      };
    }),
  });
}
