import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Structured JSON logs. Requests are logged by route pattern, never by raw URL, so card numbers,
 * names or search words in paths and query strings never reach the log; secrets are redacted.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'library-one' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.pin',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

export type { Logger };
