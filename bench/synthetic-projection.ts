// A county-sized ledger written straight into the projection, as the workflows would have left it
// after months of work: 40 departments, 20 responsible leaders, every status, kind, warning and
// deadline spread, measure counts and outcome sums on each problem row (migration 003) and the
// measure rows behind them. No workflow runs: the ledger list reads the projection only.
import { seededRandom } from '../domain/seeded-random';
import type { Db } from '../db/client';
import { insertCampaign } from '../db/queries/insert-campaign';
import { insertRows, json } from '../db/sql';
import { addDays } from '../domain/dates';
import { problemWorkflowId } from '../domain/ids';
import { OVERDUE_STATUSES } from '../db/overdue';
import type { ProblemStatus } from '../domain/problem-types';
import { CampaignLedgerSchema, type ProblemKind } from '../domain/schemas';

export const DEPARTMENTS = [
  '党委办公室', '院长办公室', '医务科', '护理部', '财务科', '人事科', '纪检监察室', '后勤保障科', '信息科', '药剂科',
  '设备科', '医保办', '质控科', '科教科', '宣传科', '工会', '团委', '审计科', '采购中心', '基建科',
  '保卫科', '门诊部', '急诊科', '内科', '外科', '妇产科', '儿科', '检验科', '放射科', '超声科',
  '病理科', '麻醉科', '康复科', '中医科', '口腔科', '眼科', '耳鼻喉科', '皮肤科', '感染管理科', '健康管理中心',
];
export const LEADERS = Array.from({ length: 20 }, (_, i) => `leader${String(i + 1).padStart(2, '0')}`);
/** The department's owner account id (its first person). */
export const ownerOf = (d: number): string => `d${String(d + 1).padStart(2, '0')}-1`;
export const leaderOf = (d: number): string => LEADERS[d % LEADERS.length]!;

const ISSUES = [
  '“三重一大”决策制度执行不到位', '政府采购程序不规范', '公务用车管理不严格', '医保基金使用存在违规收费', '药品耗材集中采购执行不到位',
  '干部选拔任用程序不规范', '意识形态工作责任制落实不到位', '党组织会议记录不规范', '财务报销审核把关不严', '固定资产管理混乱、账实不符',
  '合同管理制度不健全', '廉政风险防控措施不落实', '基层党支部“三会一课”开展不经常', '专项资金使用效益不高', '工程项目招投标管理不规范',
  '违规发放津贴补贴', '公务接待超标准', '科研经费管理不规范', '医德医风建设薄弱', '巡察整改台账更新不及时',
  '安全生产责任落实不到位', '信息系统数据安全管理薄弱', '人员编制管理不规范', '物资仓库管理不严格', '党费收缴不规范',
  '对外投资决策论证不充分', '内部审计发现问题整改不彻底', '“一岗双责”落实不到位', '民主生活会批评与自我批评不深入', '群众反映强烈的问题解决不及时',
];
const DETAILS = [
  '存在制度执行打折扣的情况', '部分事项未经集体研究', '相关台账资料不完整', '监督检查流于形式', '个别人员纪律意识淡薄', '整改措施针对性不强',
  '审批手续不齐全', '问题整改后出现反弹', '主体责任压得不实', '日常管理存在漏洞', '风险排查不全面', '制度更新滞后于工作实际',
];
const MEASURES = ['修订完善相关制度', '开展专项检查', '组织全员培训', '建立月度通报机制', '清理历史遗留问题', '落实责任追究'];

/** Deterministic pseudo-random numbers: every run builds the same ledger. */
export const random = seededRandom;

/** Weighted statuses: a campaign well under way (40% closed, a quarter in progress). */
const STATUS_WEIGHTS: [ProblemStatus, number][] = [
  ['closed', 40], ['in_progress', 25], ['assigned', 5], ['planning', 5], ['plan_review', 5], ['leader_review', 5],
  ['office_verification', 5], ['head_approval', 4], ['phase_complete', 6],
];
function pick<T>(r: () => number, weighted: [T, number][]): T {
  let x = r() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

const ACTIVE = new Set(OVERDUE_STATUSES);
const LAST_ACTION: Record<ProblemStatus, string | null> = {
  assigned: null, planning: 'claim', plan_review: 'submitPlan', in_progress: 'completeMeasure', leader_review: 'requestClosure',
  office_verification: 'reviewClosure', head_approval: 'verifyClosure', phase_complete: 'markPhaseComplete', closed: 'approveClosure',
};

/**
 * Loads campaign `id` with `count` problems, deadlines spread around `today` ('YYYY-MM-DD'), then
 * vacuums and analyses (what autovacuum does to a settled table) so plans are the steady state's.
 */
export async function loadSyntheticProjection(db: Db, id: string, count: number, today: string, log: (s: string) => void): Promise<void> {
  const people = [
    { id: 'sec', name: '陈书记', title: '党委书记' }, { id: 'clerk1', name: '许主任', title: '整改办主任' }, { id: 'clerk2', name: '何干事' },
    ...LEADERS.map((l, i) => ({ id: l, name: `副院长${i + 1}` })),
    ...DEPARTMENTS.flatMap((department, d) => [1, 2, 3].map((n) => ({ id: `d${String(d + 1).padStart(2, '0')}-${n}`, name: `${department}${n === 1 ? '负责人' : `成员${n - 1}`}`, department }))),
  ];
  // The campaign, its directory and problem 1 through the same path a ledger import takes.
  await insertCampaign(db, CampaignLedgerSchema.parse({
    id, name: '某市级巡察反馈问题整改（基准）', organisation: '某市人民医院', inspectionTeam: '市委第一巡察组',
    inspectionStart: addDays(today, -400), inspectionEnd: addDays(today, -320), feedbackDate: addDays(today, -300),
    concentratedPeriodEnd: addDays(today, -210),
    leadingGroup: { head: 'sec', deputies: LEADERS, office: ['clerk1', 'clerk2'], members: [] },
    people, departments: DEPARTMENTS,
    aspects: Array.from({ length: 6 }, (_, i) => ({ no: i + 1, title: `关于第${i + 1}方面问题` })),
    problems: [{ no: 1, aspect: 1, title: `${DEPARTMENTS[0]}${ISSUES[0]}`, kind: 'time-bound', responsibleLeader: leaderOf(0), department: DEPARTMENTS[0], owner: ownerOf(0), deadline: addDays(today, 30), measures: [{ text: MEASURES[0], owner: ownerOf(0), due: addDays(today, 20) }] }],
  }));

  const r = random(20261123);
  const problems: unknown[][] = [];
  const measures: unknown[][] = [];
  for (let no = 2; no <= count; no++) {
    const d = Math.floor(r() * DEPARTMENTS.length);
    const department = DEPARTMENTS[d]!;
    const kind: ProblemKind = pick(r, [['time-bound', 85], ['immediate', 5], ['long-term', 10]]);
    let status = pick(r, STATUS_WEIGHTS);
    if (status === 'phase_complete' && kind !== 'long-term') status = 'in_progress';
    const deadline = kind === 'long-term' ? null : addDays(today, kind === 'immediate' ? Math.floor(r() * 90) - 60 : Math.floor(r() * 400) - 200);
    const extended = deadline !== null && r() < 0.1;
    const overdue = deadline !== null && ACTIVE.has(status) && deadline < today ? Math.round((Date.parse(today) - Date.parse(deadline)) / 864e5) : 0;
    const warning = overdue >= 7 ? 'red' : overdue >= 1 ? 'yellow' : 'none';
    const total = 1 + Math.floor(r() * 4);
    const done = status === 'in_progress' ? Math.floor(r() * total) : ['assigned', 'planning', 'plan_review'].includes(status) ? 0 : total;
    const sums = [0, 0, 0, 0, 0];
    for (let m = 1; m <= total; m++) {
      const isDone = m <= done;
      // Outcome figures only on completed measures, as the workflow records them.
      const o = isDone ? [r() < 0.3 ? 1 : 0, r() < 0.1 ? Math.round(r() * 5000) / 100 : 0, r() < 0.03 ? 1 : 0, r() < 0.05 ? 1 : 0, r() < 0.08 ? 1 + Math.floor(r() * 2) : 0] : [0, 0, 0, 0, 0];
      o.forEach((v, i) => (sums[i] = Math.round((sums[i]! + v) * 100) / 100));
      const due = addDays(deadline ?? today, -10 * (total - m));
      measures.push([id, no, `M${m}`, MEASURES[(no + m) % MEASURES.length], `d${String(d + 1).padStart(2, '0')}-${1 + (m % 3)}`, due, isDone,
        isDone ? `${addDays(today, -Math.floor(r() * 120))}T02:00:00.000Z` : null, isDone ? ownerOf(d) : null, ...o]);
    }
    const issue = ISSUES[Math.floor(r() * ISSUES.length)]!;
    const lastAction = LAST_ACTION[status];
    const lastAt = lastAction ? `${addDays(today, -Math.floor(r() * 120))}T0${Math.floor(r() * 9)}:30:00.000Z` : null;
    const pending = status === 'in_progress' && deadline && r() < 0.02
      ? json({ by: { id: ownerOf(d), name: `${department}负责人` }, until: addDays(deadline, 60), reason: '涉及外部审批，需延期', at: `${today}T01:00:00.000Z` }) : null;
    problems.push([id, no, 1 + Math.floor(r() * 6), `${department}${issue}`,
      `巡察发现，${department}${issue}，${DETAILS[Math.floor(r() * DETAILS.length)]}，${DETAILS[Math.floor(r() * DETAILS.length)]}。`,
      kind, leaderOf(d), department, ownerOf(d), deadline && extended ? addDays(deadline, -30) : deadline, deadline, status, warning,
      problemWorkflowId(id, no), 3 + Math.floor(r() * 12), addDays(today, -290), status === 'closed' ? addDays(today, -Math.floor(r() * 200)) : null,
      r() < 0.02 ? 1 : 0, pending, lastAction, lastAt, total, done, ...sums]);
  }
  log(`[bench] generated ${count} problems, ${measures.length + 1} measures; writing…`);
  await db.transaction(async (tx) => {
    for (let i = 0; i < problems.length; i += 10_000) {
      await insertRows(tx, 'problems', ['campaign_id', 'no', 'aspect_no', 'title', 'description', 'kind', 'responsible_leader', 'department', 'owner',
        'original_deadline', 'deadline', 'status', 'warning', 'workflow_id', 'version', 'started_on', 'closed_on', 'reopen_count', 'pending_extension',
        'last_action', 'last_action_at', 'measures_total', 'measures_done', 'regulations', 'funds_recovered_wan', 'party_discipline', 'admonishment',
        'ordered_self_criticism'], problems.slice(i, i + 10_000));
      log(`[bench] problems written: ${Math.min(i + 10_000, problems.length) + 1}/${count}`);
    }
    for (let i = 0; i < measures.length; i += 50_000) {
      await insertRows(tx, 'measures', ['campaign_id', 'problem_no', 'id', 'text', 'owner', 'due', 'done', 'completed_at', 'completed_by',
        'regulations', 'funds_recovered_wan', 'party_discipline', 'admonishment', 'ordered_self_criticism'], measures.slice(i, i + 50_000));
      log(`[bench] measures written: ${Math.min(i + 50_000, measures.length)}/${measures.length}`);
    }
  });
  await db.exec('vacuum analyze');
  // Measured: right after the load, this first vacuum leaves no page marked all-visible (it only
  // sets the rows' hint bits); a second marks them all, or index-only scans would read the table.
  await db.exec('vacuum problems, measures');
}
