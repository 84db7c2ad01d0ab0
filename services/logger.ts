import pino, { type Logger, type LoggerOptions } from 'pino';

// One logger for everything outside the workflows (which log through Temporal's `log`). Whatever
// could carry a secret is redacted at the source, so no call site has to remember it.

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.initialPassword',
  '*.token',
  '*.secret',
  '*.databaseUrl',
  // the delivery engine's: the SMTP URL carries a password, a robot's webhook its key
  '*.smtpUrl',
  '*.webhook',
  '*.RECTIFY_SMTP_URL',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[已隐藏]' }, base: undefined };
}

export function createLogger(level = 'info'): Logger {
  return pino(loggerOptions(level));
}
