import { OUTCOME_FIGURES, type Outcomes } from './outcomes';

/**
 * A campaign's headline figures on one day. closed: struck off; longTerm: long-term and not
 * closed; open: the rest not closed; overdue: deadline passed while the department is expected to
 * act. Measures and outcomes count every measure of the campaign.
 */
export interface CampaignStats extends Outcomes {
  campaignId: string;
  problems: number;
  closed: number;
  open: number;
  longTerm: number;
  overdue: number;
  measures: number;
  measuresDone: number;
}

/** "建章立制 2 项，挽回资金损失 1.5 万元；党纪处分 0 人，…": results, then accountability. */
export function outcomesSentence(s: Outcomes): string {
  const group = (g: 'result' | 'accountability') =>
    OUTCOME_FIGURES.filter((f) => f.group === g).map((f) => `${f.label} ${s[f.key]} ${f.unit}`).join('，');
  return `${group('result')}；${group('accountability')}`;
}
