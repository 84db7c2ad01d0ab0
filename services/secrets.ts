import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors';

// Secrets kept in the database (robot webhooks and signing secrets) are encrypted with AES-256-GCM
// under a key from the environment (RECTIFY_SECRET_KEY), so a copy of the database alone reveals
// none of them. `npm start` on embedded defaults keeps a generated key in the data folder.

const VERSION = 'v1';

export class SecretBox {
  private readonly key: Buffer;

  /** Any string of 32+ characters; it is hashed to the 256-bit key. */
  constructor(secretKey: string) {
    if (secretKey.length < 32) throw new Error('RECTIFY_SECRET_KEY 至少 32 个字符');
    this.key = createHash('sha256').update(secretKey, 'utf8').digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new UserError('密文格式不正确', 'InvalidState');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // Never say more: the caller learns only that the key does not fit.
      throw new UserError('无法解密：RECTIFY_SECRET_KEY 与加密时的不一致', 'InvalidState');
    }
  }
}

/**
 * The key: RECTIFY_SECRET_KEY when set; otherwise one generated once and kept (readable by this
 * user only) in the data folder, as `npm start` does on embedded defaults.
 */
export function secretKeyFor(envKey: string | undefined, dataDir: string): string {
  if (envKey) return envKey;
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
