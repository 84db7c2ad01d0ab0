// A campaign put into a known state in a real database for the report tests: the ledger is
// loaded with insertCampaign and problems are moved on by writing workflow snapshots with
// recordProblem, as the workflows do.
import type { Db } from '../../db/client';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { insertCampaignEvent } from '../../db/queries/insert-campaign-event';
import { recordProblem } from '../../db/queries/record-problem';
import type { CampaignLedger } from '../../domain/schemas';
import { doneMeasure, snapshot, testLedger, write } from '../db/fixtures';

export const ASPECT_1 = '关于落实全面从严治党主体责任方面';
export const ASPECT_2 = '关于医疗服务和行风建设方面';

/**
 * Six problems (report date 2025-03-20 unless said otherwise):
 * 1 closed 03-10, both measures done (2 规章制度, 12.35 万元, 诫勉 1)
 * 2 in closure review; deadline extended to 06-30; its measure done (党纪 2, 责令检查 3, 0.5 万元)
 * 3 long-term in progress, measure open; progress notes on 01-06 (with its own 一是/二是) and 03-28
 * 4 closed by the ledger (a report published before it)
 * 5 time-bound, still planning, no measures yet
 * 6 closed on 03-25 — after the report date — its measure done 03-24 (1 规章制度)
 */
export function reportLedger(id: string): CampaignLedger {
  const m = (text: string, owner = 'fin-head', due = '2025-03-01') => ({ text, owner, due });
  return testLedger({
    id,
    problems: [
      { no: 1, aspect: 1, title: '大额资金支出未经集体决策', kind: 'time-bound', responsibleLeader: 'dean', department: '财务科', owner: 'fin-head', deadline: '2025-03-31', measures: [m('修订“三重一大”决策制度'), m('清查2023年以来大额支出', 'fin-2')] },
      { no: 2, aspect: 2, title: '收受医药代表宴请问题', kind: 'immediate', responsibleLeader: 'vp', department: '医务科', owner: 'med-head', deadline: '2025-01-15', measures: [m('开展廉洁行医专项整治', 'med-head')] },
      { no: 3, aspect: 2, title: '医德医风教育不经常', kind: 'long-term', responsibleLeader: 'vp', department: '医务科', owner: 'med-head', measures: [m('每季度开展医德医风专题教育', 'med-head', '2025-12-31')] },
      { no: 4, aspect: 1, title: '公务接待超标准', kind: 'time-bound', responsibleLeader: 'dean', department: '财务科', owner: 'fin-head', deadline: '2024-12-31', closed: true, measures: [m('退回超标准接待费用', 'fin-2')] },
      { no: 5, aspect: 1, title: '干部档案管理不规范', kind: 'time-bound', responsibleLeader: 'dean', department: '财务科', owner: 'fin-head', deadline: '2025-02-28' },
      { no: 6, aspect: 2, title: '2023年以来门诊收费存在差错', kind: 'time-bound', responsibleLeader: 'vp', department: '医务科', owner: 'med-head', deadline: '2025-03-31', measures: [m('开展收费专项检查', 'med-head')] },
    ],
  });
}

export const PROGRESS_NOTE = '已开展专题教育两次：一是组织观看警示片；二是开展医德医风知识测试';

export async function loadReportState(db: Db, ledger: CampaignLedger): Promise<void> {
  await insertCampaign(db, ledger);
  const s = (no: number) => snapshot(ledger, no);
  const [p1, p2, p6] = [s(1), s(2), s(6)];
  const med = { id: 'med-head', name: '邓主任' };
  const writes = [
    snapshot(ledger, 1, {
      status: 'closed', closedOn: '2025-03-10', version: 9,
      measures: [doneMeasure(p1.measures[0]!, { regulations: 2, fundsRecoveredWan: 12.35 }), doneMeasure(p1.measures[1]!, { admonishment: 1 })],
    }),
    snapshot(ledger, 2, {
      status: 'leader_review', deadline: '2025-06-30', version: 6,
      measures: [doneMeasure(p2.measures[0]!, { partyDiscipline: 2, orderedSelfCriticism: 3, fundsRecoveredWan: 0.5 })],
    }),
    snapshot(ledger, 3, {
      status: 'in_progress', version: 4,
      progressReports: [
        { at: '2025-01-06T02:00:00.000Z', by: med, text: PROGRESS_NOTE },
        { at: '2025-03-28T02:00:00.000Z', by: med, text: '第三次专题教育已完成' },
      ],
    }),
    snapshot(ledger, 5, { status: 'planning', version: 1 }),
    snapshot(ledger, 6, {
      status: 'closed', closedOn: '2025-03-25', version: 8,
      measures: [{ ...doneMeasure(p6.measures[0]!, { regulations: 1 }), completedAt: '2025-03-24T02:00:00.000Z' }],
    }),
  ];
  for (const w of writes) await recordProblem(db, write(ledger, w));
  await insertCampaignEvent(db, { campaignId: ledger.id, onDate: '2024-12-25', kind: 'meeting', text: '召开党委会专题研究巡察反馈意见，制定整改工作方案' });
  await insertCampaignEvent(db, { campaignId: ledger.id, onDate: '2025-01-10', kind: 'event', text: '举办巡察整改专题培训班' });
  await insertCampaignEvent(db, { campaignId: ledger.id, onDate: '2025-03-26', kind: 'meeting', text: '召开巡察整改总结会' });
}
