// How a send went wrong, in the words the office reads and the terms the retry policy needs.

export class SendFailure extends Error {
  constructor(
    /** Short, in Chinese, for lists and timeline marks: "签名错误", "收件地址被拒绝". */
    readonly reason: string,
    /** Worth another attempt (SMTP 4xx, network, a provider's rate limit); otherwise recorded as failed. */
    readonly transient: boolean,
    /** The provider's own answer (JSON body, SMTP reply), stored as it came; never a secret. */
    readonly answer: unknown,
    /** The provider asked us to slow down: wait at least this long before the next attempt. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'SendFailure';
  }
}

/** Anything thrown while sending, as a SendFailure (unknown errors count as transient: retries are bounded). */
export function asSendFailure(e: unknown, fallbackReason: string): SendFailure {
  if (e instanceof SendFailure) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new SendFailure(fallbackReason, true, { error: message.slice(0, 500) });
}
