import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import type { ProblemDetail, ActionResult } from '../../api/problems';
import type { ActionName } from '../../../../domain/problem-types';

/** What every action form receives from the action bar or the review pane. */
export interface ActionFormProps {
  campaignId: string;
  detail: ProblemDetail;
  action: ActionName;
  onClose(): void;
  onDone(r: ActionResult): void;
}

interface Props {
  title: string;
  onCancel(): void;
  onOk(): void;
  busy: boolean;
  error: string | null;
  okText?: string;
  danger?: boolean;
  width?: number;
  children: ReactNode;
}

/** The frame of every action form: a title, the form, the server's refusal, 取消 and the action. */
export function ActionModal({ title, onCancel, onOk, busy, error, okText = '确定', danger, width = 560, children }: Props) {
  return (
    <Modal
      open
      title={title}
      width={width}
      onCancel={onCancel}
      onOk={onOk}
      okText={okText}
      okButtonProps={{ loading: busy, danger }}
      cancelButtonProps={{ disabled: busy }}
      maskClosable={!busy}
      destroyOnHidden
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', paddingRight: 4 } }}
    >
      {children}
      {error && <Alert type="error" showIcon title="未能完成" description={error} style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} />}
    </Modal>
  );
}
