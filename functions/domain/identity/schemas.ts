import { z } from 'zod';
import type { TodayProvider } from './calendar-date';
import { isIdentityErrorCode, type IdentityErrorCode } from './codes';
import { parseInn } from './inn';
import { parsePassportNumber } from './passport';
import { parsePhone } from './phone';
import { parsePin } from './pin';
import { mapResult, type Result } from './result';

/**
 * Zod schemas for the identity fields of request bodies. Each accepts a string, checks it with the field's
 * rule and outputs the normalized value (`0700 123 456` → `+996700123456`, `ас 1234567` → `AC1234567`).
 *
 * **How a refusal is reported:** every issue these schemas raise has `message` set to an
 * {@link IdentityErrorCode}: for a broken rule (a `custom` issue) and for a value that is not a string at all
 * (an `invalid_type` issue, with the field's format code). The message is never human text: the localized
 * text comes from `IDENTITY_ERROR_MESSAGES`, and {@link identityErrorCodeOf} reads the code back.
 */
function identityField<T, C extends IdentityErrorCode>(
  parse: (input: string) => Result<T, C>,
  notAString: C,
) {
  return z.string({ error: notAString }).transform((input, ctx): T => {
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error, input });
    return z.NEVER;
  });
}

/** A Kyrgyz mobile number (2.5), output in E.164. */
export const phoneSchema = identityField(parsePhone, 'phone_invalid');

/** A passport number (2.2), output normalized (`ID1234567`). */
export const passportNumberSchema = identityField(
  (input) => mapResult(parsePassportNumber(input), (parsed) => parsed.passportNumber),
  'passport_invalid',
);

/**
 * An individual's PIN (2.2), output as its 14 digits.
 *
 * @param today - asked on every parse, so one schema built at start-up stays right after midnight
 */
export const pinSchema = (today: TodayProvider) =>
  identityField((input) => mapResult(parsePin(input, today()), (parsed) => parsed.pin), 'pin_invalid_format');

/**
 * An organization's tax number (1), output as its 14 digits.
 *
 * @param today - asked on every parse, so one schema built at start-up stays right after midnight
 */
export const innSchema = (today: TodayProvider) =>
  identityField((input) => mapResult(parseInn(input, today()), (parsed) => parsed.inn), 'inn_invalid_format');

/** @returns the identity error code a zod issue of these schemas carries; `undefined` for other issues */
export const identityErrorCodeOf = (issue: { readonly message: string }): IdentityErrorCode | undefined =>
  isIdentityErrorCode(issue.message) ? issue.message : undefined;
