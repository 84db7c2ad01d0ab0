import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../domain/errors';
import { SecretBox, secretKeyFor } from '../../services/secrets';

const KEY = 'k'.repeat(32);
const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';

test('a sealed secret opens with the same key and reveals nothing of itself', () => {
  const box = new SecretBox(KEY);
  const sealed = box.seal(WEBHOOK);
  expect(sealed).not.toContain('abc123');
  expect(sealed).not.toBe(box.seal(WEBHOOK)); // a fresh IV every time
  expect(box.open(sealed)).toBe(WEBHOOK);
});

test('another key or a changed byte is refused without saying more', () => {
  const sealed = new SecretBox(KEY).seal(WEBHOOK);
  expect(() => new SecretBox('x'.repeat(32)).open(sealed)).toThrow(UserError);
  const parts = sealed.split(':');
  const body = Buffer.from(parts[3]!, 'base64');
  body[0] = body[0]! ^ 1;
  const tampered = [parts[0], parts[1], parts[2], body.toString('base64')].join(':');
  expect(() => new SecretBox(KEY).open(tampered)).toThrow('无法解密');
  expect(() => new SecretBox(KEY).open('plain text')).toThrow('密文格式不正确');
  expect(() => new SecretBox('short')).toThrow('至少 32 个字符');
});

test('without RECTIFY_SECRET_KEY a key is generated once into the data folder, for this user only', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-secret-'));
  const first = secretKeyFor(undefined, dir);
  expect(first.length).toBeGreaterThanOrEqual(32);
  expect(secretKeyFor(undefined, dir)).toBe(first);
  expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(first);
  expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  expect(secretKeyFor(KEY, dir)).toBe(KEY);
});
