import pino from 'pino';
import type { Logger } from '../lib/logger';

/** Structured JSON logs on stdout. Redaction is a second line of defence: handlers never log bodies. */
export function createLogger(level: string): Logger & pino.Logger {
  return pino({
    level,
    base: { service: 'bff' },
    redact: { paths: ['*.phone', '*.password', '*.token', '*.authorization', '*.session_key', '*.secret'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
