import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../../api/client';

/** Zod issues (checked in the page with the domain's own schema) as errors under the form's fields. */
export function showIssues(form: FormInstance, issues: z.ZodIssue[]): void {
  const byField = new Map<string, string[]>();
  for (const i of issues) {
    const name = String(i.path[0] ?? 'username');
    byField.set(name, [...(byField.get(name) ?? []), i.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
}

/** The server's field errors under the same fields; anything else is the caller's general message. */
export function showServerErrors(form: FormInstance, e: unknown, known: readonly string[]): string | null {
  if (!(e instanceof ApiError)) return '保存失败，请重试';
  const mine = e.fields.filter((f) => known.includes(f.path.split('.')[0] ?? ''));
  showIssues(form, mine.map((f) => ({ code: 'custom', path: [f.path.split('.')[0] ?? ''], message: f.message })));
  return mine.length === e.fields.length && mine.length > 0 ? null : e.message;
}
