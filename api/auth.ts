import { z } from 'zod';
import { ACCOUNT_ROLES } from '../domain/accounts';

// Sign-in. The login form's fields are only bounded here, never checked against the password
// policy: an old password that no longer meets the policy must still sign in (then be changed).

export const LoginBodySchema = z
  .object({
    username: z.string({ required_error: '用户名必填', invalid_type_error: '用户名应为文本' }).trim().min(1, '用户名必填').max(64, '用户名最长 64 位'),
    password: z.string({ required_error: '密码必填', invalid_type_error: '密码应为文本' }).min(1, '密码必填').max(128, '密码最长 128 位'),
  })
  .strict('包含未知字段');

export const MeSchema = z.object({
  username: z.string(),
  personId: z.string(),
  name: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  department: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const LoginResultSchema = z.object({ user: MeSchema });

export const PasswordChangeBodySchema = z
  .object({
    currentPassword: z.string({ required_error: '请输入当前密码', invalid_type_error: '当前密码应为文本' }).min(1, '请输入当前密码').max(128, '密码最长 128 位'),
    newPassword: z.string({ required_error: '请输入新密码', invalid_type_error: '新密码应为文本' }).min(1, '请输入新密码').max(128, '密码最长 128 位'),
  })
  .strict('包含未知字段');
