import { CampaignLedger, CampaignLedgerSchema } from '../../domain/schemas';

/**
 * A small hospital campaign: a head, an office clerk, two leaders and two departments.
 * `overrides` replaces top-level fields; problems default to three of different kinds.
 */
export function smallLedger(overrides: Partial<Record<keyof CampaignLedger, unknown>> = {}): CampaignLedger {
  return CampaignLedgerSchema.parse({
    id: 'test-campaign',
    name: '市委第五巡察组反馈问题整改',
    organisation: '德州市妇幼保健院',
    inspectionTeam: '市委第五巡察组',
    inspectionStart: '2024-03-25',
    inspectionEnd: '2024-06-30',
    feedbackDate: '2024-09-26',
    concentratedPeriodEnd: '2024-12-26',
    leadingGroup: { head: 'head', deputies: ['vp1', 'vp2'], office: ['office1'], members: [] },
    people: [
      { id: 'head', name: '王书记', title: '党委书记' },
      { id: 'vp1', name: '李院长', title: '副院长' },
      { id: 'vp2', name: '赵院长', title: '副院长' },
      { id: 'office1', name: '周主任', title: '整改办主任' },
      { id: 'fin1', name: '钱科长', department: '财务科' },
      { id: 'fin2', name: '孙会计', department: '财务科' },
      { id: 'hr1', name: '吴科长', department: '人事科' },
    ],
    departments: ['财务科', '人事科'],
    aspects: [{ no: 1, title: '关于落实全面从严治党方面' }],
    problems: [
      {
        no: 1, aspect: 1, title: '财务报销审核不严', kind: 'time-bound', responsibleLeader: 'vp1', department: '财务科', owner: 'fin1',
        deadline: '2024-12-31', measures: [{ text: '修订报销管理办法', owner: 'fin1', due: '2024-12-15' }],
      },
      { no: 2, aspect: 1, title: '干部档案管理不规范', kind: 'immediate', responsibleLeader: 'vp2', department: '人事科', owner: 'hr1', deadline: '2024-10-31' },
      { no: 3, aspect: 1, title: '理论学习不深入', kind: 'long-term', responsibleLeader: 'vp2', department: '人事科', owner: 'hr1' },
    ],
    ...overrides,
  });
}
