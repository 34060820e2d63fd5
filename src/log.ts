import pino from 'pino';

/**
 * Structured logs. Report free text and personal data never go into a log line: log ids,
 * references and categories only. LOG_LEVEL=silent in tests keeps output clean.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'policyguide' },
  redact: { paths: ['*.text', '*.details', '*.password', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
});

export type Logger = typeof log;
