import { DomainError } from '../../domain/errors';
import type { OperatorAlert } from '../../domain/ports';

/** What operators receive: the alert as published, with its time (ISO-8601). */
export interface AlertRecord {
  readonly kind: OperatorAlert['kind'];
  readonly accountId?: string;
  readonly reportId?: string;
  readonly summary: string;
  readonly details?: OperatorAlert['details'];
  readonly at: string;
}

/** Operators' alerts publish ids and counts; this one carried something that looks like personal data (2.4). */
export class PersonalDataInAlert extends DomainError {
  constructor(field: string, kind: string) {
    super('personal_data_in_alert', { fields: [{ field, code: kind }] });
  }
}

/** The operators' alert could not be published; the SDK error is the cause. */
export class AlertNotSent extends DomainError {
  constructor(cause: unknown) {
    super('alert_not_sent', { cause });
  }
}

/**
 * Shapes of personal data (DESIGN: Identity data), in the spellings people write them: a +996 phone, a
 * 14-digit PIN (or tax number), a passport number (ID, AN, AC with Cyrillic look-alikes, and 7 digits).
 */
const personalDataShapes = {
  phone: /(?<!\d)\+?\s*996(?:[\s()-]*\d){9}(?!\d)/,
  pin: /(?<!\d)\d{14}(?!\d)/,
  passport: /(?<![\p{L}\p{N}])(?:ID|[AА][NCС])\s*\d{7}(?![\p{L}\p{N}])/iu,
} as const;

const shapeOf = (text: string): string | undefined =>
  Object.entries(personalDataShapes).find(([, shape]) => shape.test(text))?.[0];

/**
 * Refuses an alert whose texts, ids or details (names and values) look like personal data: callers pass ids and
 * counts only, and this is the defence in depth that keeps a slip out of operators' mailboxes (2.4).
 *
 * @throws PersonalDataInAlert naming the field, never the value
 */
export const assertNoPersonalData = (alert: OperatorAlert): void => {
  const texts: [string, string][] = [
    ['summary', alert.summary],
    ['accountId', alert.accountId ?? ''],
    ['reportId', alert.reportId ?? ''],
    ...Object.entries(alert.details ?? {}).flatMap(([name, value]): [string, string][] => [
      [`details`, name],
      [`details.${name}`, String(value)],
    ]),
  ];
  for (const [field, text] of texts) {
    const shape = shapeOf(text);
    if (shape !== undefined) throw new PersonalDataInAlert(field, shape);
  }
};

/** The record of `alert` at `at`, fields in a fixed order, after the personal data check. */
export const alertRecord = (alert: OperatorAlert, at: Date): AlertRecord => {
  assertNoPersonalData(alert);
  return {
    kind: alert.kind,
    accountId: alert.accountId,
    reportId: alert.reportId,
    summary: alert.summary,
    details: alert.details,
    at: at.toISOString(),
  };
};
