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
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[已隐藏]' }, base: undefined };
}

export function createLogger(level = 'info'): Logger {
  return pino(loggerOptions(level));
}
