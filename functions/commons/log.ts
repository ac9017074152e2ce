import { Logger } from '@aws-lambda-powertools/logger';
import { redact, type Log, type LogAttributes } from './log-events';

const powertools = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'srs-portal' });

const writer =
  (level: keyof Log): Log[keyof Log] =>
  (event, attributes: LogAttributes = {}) =>
    powertools[level](event, redact(attributes) as LogAttributes);

/** The portal's logger: Powertools' structured JSON lines, every attribute passed through {@link redact}. */
export const log: Log = {
  debug: writer('debug'),
  info: writer('info'),
  warn: writer('warn'),
  error: writer('error'),
};
