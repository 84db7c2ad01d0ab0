import { Typography } from 'antd';
import { ACTION_LABEL, type ActionName } from '../../../../domain/problem-types';
import { ActionModal, type ActionFormProps } from './ActionModal';
import { useSendAction } from './useSendAction';

/** What happens next, said before the button is pressed. */
const CONSEQUENCE: Partial<Record<ActionName, string>> = {
  claim: '认领后，由本科室制定整改措施并推进整改。',
  submitPlan: '提交后由责任领导审批整改措施；审批期间不能再修改。',
  requestClosure: '申请后依次由责任领导审核、办公室核验、组长审批；任何一级都可能退回。',
  markPhaseComplete: '确认这项长期坚持的问题已取得阶段性成效？此后科室仍须按时报送进展。',
  confirmLookBack: '确认回头看中整改成果巩固、没有反弹？',
};

/** Actions without a payload: claim, submitPlan, requestClosure, markPhaseComplete, confirmLookBack. */
export function ConfirmForm({ campaignId, detail, action, onClose, onDone }: ActionFormProps) {
  const s = useSendAction(campaignId, detail.row.no, onDone);
  const label = ACTION_LABEL[action];
  return (
    <ActionModal title={`${label}：问题${detail.row.no}`} okText={`确认${label}`} busy={s.busy} error={s.error} onCancel={onClose} onOk={() => void s.send(action, {})}>
      <Typography.Paragraph strong>{detail.row.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {CONSEQUENCE[action] ?? `确认${label}？`}
      </Typography.Paragraph>
    </ActionModal>
  );
}
