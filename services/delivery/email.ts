import nodemailer from 'nodemailer';
import { LANE_CONCURRENCY } from '../../domain/delivery';
import { SendFailure } from './failure';

// Email through one pooled SMTP transport per process: a few long-lived connections reused for
// every message (a morning's digests go out over them), closed when idle, replaced after many
// messages. The Message-ID is the message's idempotency key, so a retry carries the same id.

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets: "<key>@<domain>". */
  messageId: string;
}

export interface EmailSender {
  send(mail: OutgoingEmail): Promise<Record<string, unknown>>;
  close(): void;
}

export interface EmailOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; absent: email is not configured. */
  smtpUrl?: string;
  from: string;
  /** Close a connection idle this long (default 30 s). */
  idleTimeoutMs?: number;
}

/** Network trouble: the same message may well go through on the next attempt. */
const NETWORK = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL', 'ETLS']);

/** RFC 5321: 5yz is a permanent rejection, 4yz a transient one; 503 is a session-state hiccup. */
const isPermanentCode = (code: number) => code >= 500 && code < 600 && code !== 503;

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string; permanent?: boolean };

/** An SMTP failure as the office reads it; the server's reply is kept as the answer. */
export function classifySmtpError(e: unknown): SendFailure {
  const err = (e instanceof Error ? e : new Error(String(e))) as SmtpError;
  const answer = { code: err.code ?? null, responseCode: err.responseCode ?? null, response: err.response ?? err.message, command: err.command ?? null };
  if (err.responseCode) {
    const permanent = err.permanent ?? isPermanentCode(err.responseCode);
    if (!permanent) return new SendFailure(`邮件服务器暂时拒绝（${err.responseCode}）`, true, answer);
    if (err.code === 'EAUTH' || err.responseCode === 535) return new SendFailure('发信账号认证失败', false, answer);
    if (err.code === 'EENVELOPE' && /RCPT/i.test(err.command ?? '')) return new SendFailure('收件地址被拒绝', false, answer);
    return new SendFailure(`邮件服务器拒收（${err.responseCode}）`, false, answer);
  }
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') return new SendFailure('发信账号认证失败', false, answer);
  if (err.code && NETWORK.has(err.code)) return new SendFailure('无法连接邮件服务器', true, answer);
  return new SendFailure('发送邮件出错', true, answer);
}

export function createEmailSender(o: EmailOptions): EmailSender {
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  const pool = () =>
    (transport ??= nodemailer.createTransport({
      url: o.smtpUrl,
      pool: true,
      // One connection per send the dispatcher lets run at once on the email lane: none waits inside the pool.
      maxConnections: LANE_CONCURRENCY.email,
      maxMessages: 100,
      idleTimeout: o.idleTimeoutMs ?? 30_000,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // Our own retry policy decides; a pool that requeues on its own would hide the attempts.
      maxRequeues: 0,
    }));
  return {
    async send(mail) {
      if (!o.smtpUrl) throw new SendFailure('未配置发信服务器（RECTIFY_SMTP_URL）', false, { error: 'RECTIFY_SMTP_URL is not set' });
      try {
        const info = await pool().sendMail({
          from: o.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.messageId}>`,
        });
        const sent = info as { response?: string; accepted?: unknown[]; rejected?: unknown[] };
        if (sent.rejected?.length) throw Object.assign(new Error('recipient rejected'), { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: String(sent.response ?? '') });
        return { response: sent.response ?? null, messageId: mail.messageId };
      } catch (e) {
        throw e instanceof SendFailure ? e : classifySmtpError(e);
      }
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
