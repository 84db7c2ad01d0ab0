import { addDays } from '../domain/dates';
import type { ProblemKind } from '../domain/schemas';
import { CampaignLedger, CampaignLedgerSchema } from '../domain/schemas';
import type { InspectionFacts } from './preamble';
import type { ParsedProblem, ParsedReport } from './schema';

/** Who works on the rectification: a published report names nobody, so the office supplies this. */
export interface Directory {
  people: CampaignLedger['people'];
  departments: string[];
  leadingGroup: CampaignLedger['leadingGroup'];
  /** Department → [responsible leader id, owner id]. */
  assignments: Record<string, [string, string]>;
  /** Keywords that suggest a department, tried in order; the last department is the fallback. */
  keywords: [string, string[]][];
}

/** A typical hospital's leading group and departments, for reports loaded without a directory. */
export const DEFAULT_DIRECTORY: Directory = {
  people: [
    { id: 'secretary', name: '党委书记', title: '党委书记（组长）' },
    { id: 'president', name: '院长', title: '院长（副组长）' },
    { id: 'vp-medical', name: '分管医疗副院长', title: '副院长（副组长）' },
    { id: 'vp-admin', name: '分管行政副院长', title: '副院长（副组长）' },
    { id: 'discipline-secretary', name: '纪委书记', title: '纪委书记（副组长）' },
    { id: 'office-director', name: '整改办主任', title: '领导小组办公室主任' },
    { id: 'dept-party', name: '党办主任', department: '党委办公室' },
    { id: 'dept-medical', name: '医务科科长', department: '医务科' },
    { id: 'dept-finance', name: '财务科科长', department: '财务科' },
    { id: 'dept-hr', name: '人事科科长', department: '人事科' },
    { id: 'dept-discipline', name: '纪检监察室主任', department: '纪检监察室' },
    { id: 'dept-admin', name: '院办主任', department: '院长办公室' },
  ],
  departments: ['党委办公室', '医务科', '财务科', '人事科', '纪检监察室', '院长办公室'],
  leadingGroup: { head: 'secretary', deputies: ['president', 'vp-medical', 'vp-admin', 'discipline-secretary'], office: ['office-director'], members: [] },
  assignments: {
    党委办公室: ['secretary', 'dept-party'],
    医务科: ['vp-medical', 'dept-medical'],
    财务科: ['vp-admin', 'dept-finance'],
    人事科: ['president', 'dept-hr'],
    纪检监察室: ['discipline-secretary', 'dept-discipline'],
    院长办公室: ['president', 'dept-admin'],
  },
  keywords: [
    ['财务科', ['财务', '资金', '报销', '预算', '采购', '资产', '耗材', '收费', '经费']],
    ['纪检监察室', ['廉政', '廉洁', '八项规定', '纪律', '作风', '监督', '腐败', '违规']],
    ['人事科', ['干部', '选人用人', '人才', '队伍', '编制', '考核', '职称']],
    ['医务科', ['医疗', '医务', '诊疗', '医保', '质量', '患者', '临床', '药品', '业务']],
    ['党委办公室', ['党', '理论', '学习', '意识形态', '统战', '保密', '组织', '阵地']],
    ['院长办公室', []],
  ],
};

export interface FromReportOptions {
  id: string;
  directory?: Directory;
  /** Deadline for open problems the report gives none for (default: 3 months after feedback). */
  deadline?: string;
  /** End of the concentrated period (default: 3 months after feedback). */
  periodEnd?: string;
  /** Team and dates read from the report's preamble (see inspectionFacts). */
  facts?: InspectionFacts;
}

/**
 * A ledger rebuilt from a published report: completed problems arrive closed, unfinished ones
 * open with their committed deadline. Departments are a keyword suggestion the office corrects.
 */
export function ledgerFromReport(report: ParsedReport, o: FromReportOptions): CampaignLedger {
  const dir = o.directory ?? DEFAULT_DIRECTORY;
  const feedback = report.feedbackDate ?? report.issuedDate ?? '2025-01-01';
  const periodEnd = o.periodEnd ?? addDays(feedback, 90);
  const fallbackDeadline = o.deadline ?? periodEnd;
  let no = 0;
  const problems = report.aspects.flatMap((aspect, a) =>
    aspect.problems.map((p) => {
      // The title says most about who owns a problem; the aspect and measures only break ties.
      const department = suggestDepartment(dir, p.title, aspect.title, p.measures.join(''));
      const [leader, owner] = dir.assignments[department] ?? [dir.leadingGroup.head, dir.leadingGroup.office[0]!];
      const deadline = p.committedDeadline ?? fallbackDeadline;
      return {
        no: ++no,
        aspect: a + 1,
        title: p.title,
        description: '',
        kind: kindOf(p),
        responsibleLeader: leader,
        department,
        owner,
        deadline,
        measures: p.measures.map((text) => ({ text, owner, due: deadline })),
        closed: p.status === 'completed' ? true : undefined,
      };
    }),
  );
  return CampaignLedgerSchema.parse({
    id: o.id,
    name: `${report.org ?? '被巡察单位'}巡察整改`,
    organisation: report.org ?? '被巡察单位',
    // What the preamble does not state stays visibly generic rather than invented.
    inspectionTeam: o.facts?.team ?? '巡察组',
    inspectionStart: o.facts?.start ?? feedback,
    inspectionEnd: o.facts?.end ?? feedback,
    feedbackDate: feedback,
    concentratedPeriodEnd: periodEnd,
    leadingGroup: dir.leadingGroup,
    people: dir.people,
    departments: dir.departments,
    aspects: report.aspects.map((a, i) => ({ no: i + 1, title: a.title })),
    problems,
  });
}

export function suggestDepartment(dir: Directory, ...texts: string[]): string {
  for (const text of texts) {
    for (const [department, words] of dir.keywords) if (words.some((w) => text.includes(w))) return department;
  }
  return dir.keywords[dir.keywords.length - 1]?.[0] ?? dir.departments[0]!;
}

function kindOf(p: ParsedProblem): ProblemKind {
  const text = `${p.title}${p.measures.join('')}`;
  return /长效|长期坚持|常态化/.test(text) && p.status !== 'completed' ? 'long-term' : 'time-bound';
}
