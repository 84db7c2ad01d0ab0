import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { ACCEPTED_NOT_RECORDED, type ActionName } from '../../../../domain/problem-types';
import { ApiError, type FieldError } from '../../api/client';
import { sendAction, type ActionResult } from '../../api/problems';

/** "measures.0.due" → ['measures', 0, 'due'], the name antd's Form.List gives that field. */
const nameOf = (path: string) => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts the server's field errors on the matching form fields; true when every one found its field
 * (otherwise the form also shows the server's message, so nothing it said is lost).
 */
export function showFieldErrors(form: FormInstance | undefined, fields: FieldError[]): boolean {
  if (!form || fields.length === 0) return false;
  form.setFields(fields.map((f) => ({ name: nameOf(f.path), errors: [f.message] })));
  return fields.every((f) => form.getFieldError(nameOf(f.path)).length > 0);
}

export interface Sender {
  busy: boolean;
  /** The server's refusal when it is not (only) about fields of the form. */
  error: string | null;
  send(action: ActionName, body: object, form?: FormInstance): Promise<ActionResult | null>;
}

/** Sends one action; on success shows its summary and calls onDone (the page reloads). */
export function useSendAction(campaignId: string, no: number, onDone: (r: ActionResult) => void): Sender {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (action: ActionName, body: object, form?: FormInstance) => {
    setBusy(true);
    setError(null);
    try {
      const r = await sendAction(campaignId, no, action, body);
      if (r.recorded) void message.success(`问题${no}：${r.summary}`);
      else void message.warning(`问题${no}：${r.summary}。${ACCEPTED_NOT_RECORDED}`, 8);
      onDone(r);
      return r;
    } catch (e) {
      if (!(e instanceof ApiError)) setError('操作失败，请重试');
      else if (!showFieldErrors(form, e.fields)) setError(e.message);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, send };
}
