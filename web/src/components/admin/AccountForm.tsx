import { Alert, AutoComplete, Divider, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { ACCOUNT_ROLES, AccountPatchSchema, isDepartmentRole, NewAccountSchema, ROLE_LABEL, type AccountRole } from '../../../../domain/accounts';
import { ContactInputSchema } from '../../../../domain/contact-forms';
import { createAccount, patchAccount, type Account, type CreatedAccount } from '../../api/admin';
import { ApiError } from '../../api/client';
import { ContactFields, CONTACT_INPUTS, type ContactInputs } from '../contacts/ContactFields';
import { showIssues, showServerErrors } from './formErrors';
import type { Directory } from './useDirectory';

interface Values {
  username: string;
  personId: string;
  name?: string;
  role?: AccountRole;
  department?: string;
  password?: string;
  disabled?: boolean;
  contact?: ContactInputs;
}

interface Props {
  /** The account to edit; null creates one. */
  account: Account | null;
  directory: Directory | undefined;
  onClose(): void;
  onSaved(created?: CreatedAccount): void;
}

const FIELDS = ['username', 'personId', 'name', 'role', 'department', 'password', 'disabled'] as const;
const roleOptions = ACCOUNT_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }));
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** The five contact boxes as sent: an emptied box clears the value; the person's channel choice is left alone. */
const contactOf = (v: Values) => Object.fromEntries(CONTACT_INPUTS.map((f) => [f, v.contact?.[f] ?? null]));

/** Contact errors (page or server) under the nested contact boxes; true when there were any. */
function showContactIssues(form: ReturnType<typeof Form.useForm<Values>>[0], issues: { path: readonly (string | number)[]; message: string }[]): boolean {
  form.setFields(issues.map((i) => ({ name: ['contact', String(i.path[0])] as ['contact', (typeof CONTACT_INPUTS)[number]], errors: [i.message] })));
  return issues.length > 0;
}
/** 新建账号 / 修改账号: checked in the page with the domain's schemas, then by the server. */
export function AccountForm({ account, directory, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const creating = account === null;

  const save = async () => {
    const v = form.getFieldsValue();
    const department = isDepartmentRole(v.role ?? 'office') ? blank(v.department) ?? null : null;
    const checked = creating
      ? NewAccountSchema.safeParse({ username: blank(v.username), personId: blank(v.personId), name: blank(v.name), role: v.role, department, password: blank(v.password) })
      : AccountPatchSchema.safeParse({ name: blank(v.name), role: v.role, department, disabled: v.disabled });
    // The schema's department rule runs only once the fields parse; a blank form still hears it at once.
    const issues: z.ZodIssue[] = checked.success ? [] : [...checked.error.issues];
    if (v.role && isDepartmentRole(v.role) && !department && !issues.some((i) => i.path[0] === 'department')) {
      issues.push({ code: 'custom', path: ['department'], message: `${ROLE_LABEL[v.role]}须指定所在科室` });
    }
    const contact = ContactInputSchema.safeParse(contactOf(v));
    if (!contact.success) showContactIssues(form, contact.error.issues);
    if (!checked.success || issues.length) return showIssues(form, issues);
    if (!contact.success) return;
    setBusy(true);
    setError(null);
    try {
      if (creating) onSaved(await createAccount({ ...(checked.data as Parameters<typeof createAccount>[0]), contact: contactOf(v) }));
      else {
        await patchAccount(account.username, { ...checked.data, contact: contactOf(v) });
        onSaved();
      }
    } catch (e) {
      const contactFields = e instanceof ApiError ? e.fields.filter((f) => f.path.startsWith('contact.')) : [];
      showContactIssues(form, contactFields.map((f) => ({ path: [f.path.slice('contact.'.length)], message: f.message })));
      const general = showServerErrors(form, e, FIELDS);
      setError(contactFields.length && e instanceof ApiError && contactFields.length === e.fields.length ? null : general);
    } finally {
      setBusy(false);
    }
  };

  // Picking a person of a loaded ledger fills in the name, the department and a username.
  const pickPerson = (id: string) => {
    const p = directory?.people.find((x) => x.id === id);
    if (!p) return;
    form.setFieldsValue({ name: p.name, department: p.department ?? undefined, username: form.getFieldValue('username') || p.id });
  };
  const initial: Partial<Values> = account
    ? { ...account, department: account.department ?? undefined, contact: Object.fromEntries(CONTACT_INPUTS.map((f) => [f, account.contact?.[f] ?? ''])) }
    : { role: 'dept_owner' };
  return (
    <Modal open title={creating ? '新建账号' : `修改账号：${account.username}`} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        preserve={false}
        // A contact box's error goes once it is typed in again (they have no rules to re-check them).
        onValuesChange={(changed: Partial<Values>) =>
          changed.contact && form.setFields(Object.keys(changed.contact).map((f) => ({ name: ['contact', f] as ['contact', (typeof CONTACT_INPUTS)[number]], errors: [] })))
        }
      >
        <Form.Item name="personId" label="人员编号" required extra="台账「人员」表中的编号；选择后自动填入姓名和科室">
          <AutoComplete
            disabled={!creating}
            options={directory?.people.map((p) => ({ value: p.id, label: `${p.id}　${p.name}${p.department ? `（${p.department}）` : ''}` }))}
            filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
            onSelect={pickPerson}
          />
        </Form.Item>
        <Form.Item name="username" label="用户名（登录用）" required>
          <Input disabled={!creating} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="姓名" extra={creating ? '台账中已有此人时可不填' : undefined}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" required>
          <Select options={roleOptions} />
        </Form.Item>
        {role && isDepartmentRole(role) && (
          <Form.Item name="department" label="所在科室" required>
            <AutoComplete options={directory?.departments.map((d) => ({ value: d }))} filterOption={(i, o) => String(o?.value ?? '').includes(i)} />
          </Form.Item>
        )}
        {creating ? (
          <Form.Item name="password" label="初始密码" extra="可不填，系统自动生成；至少 8 位，含字母和数字。首次登录须修改。">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : (
          <Form.Item name="disabled" label="停用账号" valuePropName="checked" extra="停用后不能登录，已登录的会话随即失效">
            <Switch />
          </Form.Item>
        )}
        <Divider titlePlacement="start" plain>
          联系方式（接收整改提醒）
        </Divider>
        <ContactFields prefix="contact" hints={false} />
      </Form>
    </Modal>
  );
}
