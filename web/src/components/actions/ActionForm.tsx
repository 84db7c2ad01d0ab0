import type { ActionName } from '../../../../domain/problem-types';
import type { ActionFormProps } from './ActionModal';
import { CompleteMeasureForm } from './CompleteMeasureForm';
import { ConfirmForm } from './ConfirmForm';
import { DecisionForm } from './DecisionForm';
import { PlanMeasuresForm } from './PlanMeasuresForm';
import { SimpleForm } from './SimpleForms';

export const DECISIONS: readonly ActionName[] = ['decidePlan', 'reviewClosure', 'verifyClosure', 'approveClosure', 'decideExtension'];

/** The form of one action; `approve` preselects 通过 or 退回 for a decision. */
export function ActionForm(p: ActionFormProps & { approve?: boolean }) {
  if (DECISIONS.includes(p.action)) return <DecisionForm {...p} />;
  if (p.action === 'planMeasures') return <PlanMeasuresForm {...p} />;
  if (p.action === 'completeMeasure') return <CompleteMeasureForm {...p} />;
  if (['reportProgress', 'requestExtension', 'reopen', 'remind'].includes(p.action)) return <SimpleForm {...p} />;
  return <ConfirmForm {...p} />;
}
