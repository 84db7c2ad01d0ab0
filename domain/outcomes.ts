import { z } from 'zod';

// The outcome figures (成效) a completed measure records, defined once: the workflow state, the
// projection's columns, the ledger sheet, the report and the desk all read them from here.

export const OUTCOME_KEYS = ['regulations', 'fundsRecoveredWan', 'partyDiscipline', 'admonishment', 'orderedSelfCriticism'] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export interface OutcomeFigure {
  key: OutcomeKey;
  /** What people call it: 建章立制. */
  label: string;
  /** 项, 万元, 人. */
  unit: string;
  /** The projection's column (measures and problems tables). */
  column: string;
  /** Money is kept to two decimals (万元); the rest are whole counts. */
  decimals: 0 | 2;
  /** Results of the rectification itself, or accountability (问责) for the people responsible. */
  group: 'result' | 'accountability';
  /** The phrase a published report uses before the number: 建立完善规章制度56个. */
  reportPhrase: string;
  reportUnit: string;
}

export const OUTCOME_FIGURES: readonly OutcomeFigure[] = [
  { key: 'regulations', label: '建章立制', unit: '项', column: 'regulations', decimals: 0, group: 'result', reportPhrase: '建立完善规章制度', reportUnit: '个' },
  { key: 'fundsRecoveredWan', label: '挽回资金损失', unit: '万元', column: 'funds_recovered_wan', decimals: 2, group: 'result', reportPhrase: '挽回资金损失', reportUnit: '万元' },
  { key: 'partyDiscipline', label: '党纪处分', unit: '人', column: 'party_discipline', decimals: 0, group: 'accountability', reportPhrase: '党纪处分', reportUnit: '人' },
  { key: 'admonishment', label: '诫勉', unit: '人', column: 'admonishment', decimals: 0, group: 'accountability', reportPhrase: '诫勉', reportUnit: '人' },
  { key: 'orderedSelfCriticism', label: '责令检查', unit: '人', column: 'ordered_self_criticism', decimals: 0, group: 'accountability', reportPhrase: '责令检查', reportUnit: '人' },
];

export const OUTCOME_FIGURE: Record<OutcomeKey, OutcomeFigure> = Object.fromEntries(OUTCOME_FIGURES.map((f) => [f.key, f])) as Record<OutcomeKey, OutcomeFigure>;

/** "挽回资金损失（万元）": the header of the figure's column in sheets and tables. */
export const outcomeHeader = (f: OutcomeFigure): string => `${f.label}（${f.unit}）`;

const count = z.number().int('应为整数').min(0, '不能为负数').default(0);
// The ledger stores 万元 to two decimals; more would make the projection differ from the state.
const money = z
  .number()
  .min(0, '不能为负数')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额（万元）最多两位小数')
  .default(0);

export const OutcomesSchema = z.object({
  regulations: count,
  fundsRecoveredWan: money,
  partyDiscipline: count,
  admonishment: count,
  orderedSelfCriticism: count,
});
export type Outcomes = z.infer<typeof OutcomesSchema>;
export const ZERO_OUTCOMES: Outcomes = OutcomesSchema.parse({});

/** Sums outcome figures exactly: money in cents, so 0.1 + 0.2 stays 0.3. */
export function sumOutcomes(items: Iterable<Outcomes>): Outcomes {
  const total = { ...ZERO_OUTCOMES };
  let cents = 0;
  for (const o of items) {
    for (const f of OUTCOME_FIGURES) {
      if (f.decimals === 2) cents += Math.round(o[f.key] * 100);
      else total[f.key] += o[f.key];
    }
  }
  total.fundsRecoveredWan = cents / 100;
  return total;
}

/** "2.5" → "2.50" for money, counts as they are. */
export const formatOutcome = (f: OutcomeFigure, v: number): string => (f.decimals === 2 ? v.toFixed(2) : String(v));
