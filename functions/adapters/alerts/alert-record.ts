import { DomainError } from '../../domain/errors';
import type { OperatorAlert } from '../../domain/ports';
import { isRandomId } from '../random';

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
 * Ids of the portal's generator, one or several separated by spaces (the activity scan's `accountIds`). Their
 * digits are random and spell a phone number by chance (`…-9964-40067844…` reads as 996 440 067 844), about 26
 * in a million ids: checked for the id format instead, they carry no personal data.
 */
const isRandomIdList = (text: string): boolean => text.split(' ').every(isRandomId);

/**
 * Refuses an alert whose texts, ids or details (names and values) look like personal data: callers pass ids and
 * counts only, and this is the defence in depth that keeps a slip out of operators' mailboxes (2.4). `accountId`,
 * `reportId` and detail values in the id format are exempt; anything else in them is checked like the texts.
 *
 * @throws PersonalDataInAlert naming the field, never the value
 */
export const assertNoPersonalData = (alert: OperatorAlert): void => {
  const ids: [string, string][] = [
    ['accountId', alert.accountId ?? ''],
    ['reportId', alert.reportId ?? ''],
  ];
  const texts: [string, string][] = [
    ['summary', alert.summary],
    ...ids.filter(([, id]) => !isRandomId(id)),
    ...Object.entries(alert.details ?? {}).flatMap(([name, value]): [string, string][] => [
      ['details', name],
      ...(isRandomIdList(String(value)) ? [] : [[`details.${name}`, String(value)] as [string, string]]),
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
