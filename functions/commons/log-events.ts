/**
 * Every event the portal logs, named once (2.4: logs carry ids and outcomes, never personal data or secrets).
 * Free-text messages are not allowed: a log line is one of these names plus safe attributes.
 */
export const logEvents = {
  /** The one line of each request: its route, status, time and AWS calls (counts and milliseconds). */
  requestServed: 'request.served',
  requestFailed: 'request.failed',
  storeUnavailable: 'store.unavailable',
  dependenciesUnavailable: 'dependencies.unavailable',
  consentRecorded: 'consent.recorded',
  registrationCompleted: 'registration.completed',
  smsSent: 'sms.sent',
  smsFailed: 'sms.failed',
  loginSucceeded: 'login.succeeded',
  loginFailed: 'login.failed',
  sessionEnded: 'session.ended',
  idCardRefused: 'id_card.refused',
  accessReported: 'access_report.recorded',
  alertFailed: 'alert.failed',
  operatorCommand: 'operator.command',
  jobCompleted: 'job.completed',
  documentScanned: 'verification_document.scanned',
  documentsRetired: 'verification_document.retired',
} as const;

export type LogEvent = (typeof logEvents)[keyof typeof logEvents];

/** Attribute names that could carry personal data or secrets: their values never reach a log line. */
const forbiddenKey = /phone|passport|pin|password|secret|token|code|nonce|authorization|cookie|description/i;
const allowedKeys = new Set([
  'code',
  'problemCode',
  'errorCode',
  'statusCode',
  // Counts of calls to the service that holds the keys, never the keys.
  'secretsManagerCalls',
  'secretsManagerMs',
]);

/** Masks attribute values whose names suggest personal data or secrets; a last line of defence. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      forbiddenKey.test(key) && !allowedKeys.has(key) ? '[redacted]' : redact(item, depth + 1),
    ]),
  );
};

export type LogAttributes = Record<string, string | number | boolean | undefined | null | string[]>;

/** Describes an error by its kind only: messages of foreign errors may quote input. */
export const errorKind = (error: unknown): { errorName: string; errorCode?: string } => {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const code = (error as { code?: unknown }).code;
  return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
};

/**
 * Where the domain writes its log lines: one of {@link logEvents} and safe attributes. The domain gets it through its
 * dependencies (the Lambda wiring passes the Powertools logger, tests a recording fake).
 */
export interface Log {
  debug(event: LogEvent, attributes?: LogAttributes): void;
  info(event: LogEvent, attributes?: LogAttributes): void;
  warn(event: LogEvent, attributes?: LogAttributes): void;
  error(event: LogEvent, attributes?: LogAttributes): void;
}
